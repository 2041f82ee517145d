using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Newcomers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NewcomerHouseholds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Route = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactLanguage = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CurrentLocation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ExpectedArrival = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HousingAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LivingSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HealthAndAccessibility = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AsylumBackground = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RestrictedLegalBasis = table.Column<int>(type: "INTEGER", nullable: false),
                    RestrictedConsentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewcomerHouseholds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewcomerHouseholds_Cities_CityId",
                        column: x => x.CityId,
                        principalTable: "Cities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NewcomerPeople",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Education = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    WorkExperience = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Goals = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Interests = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewcomerPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewcomerPeople_NewcomerHouseholds_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "NewcomerHouseholds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NewcomerHouseholds_CityId_Status",
                table: "NewcomerHouseholds",
                columns: new[] { "CityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_NewcomerPeople_HouseholdId",
                table: "NewcomerPeople",
                column: "HouseholdId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NewcomerPeople");

            migrationBuilder.DropTable(
                name: "NewcomerHouseholds");
        }
    }
}
