using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeftHouseholdsAndConsentTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeftAt",
                table: "NewcomerHouseholds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProfileConsentTextId",
                table: "NewcomerHouseholds",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConsentTextId",
                table: "GroupMembers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConsentTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstAgreedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTexts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NewcomerHouseholds_ProfileConsentTextId",
                table: "NewcomerHouseholds",
                column: "ProfileConsentTextId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_ConsentTextId",
                table: "GroupMembers",
                column: "ConsentTextId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTexts_Sha256",
                table: "ConsentTexts",
                column: "Sha256",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_GroupMembers_ConsentTexts_ConsentTextId",
                table: "GroupMembers",
                column: "ConsentTextId",
                principalTable: "ConsentTexts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_NewcomerHouseholds_ConsentTexts_ProfileConsentTextId",
                table: "NewcomerHouseholds",
                column: "ProfileConsentTextId",
                principalTable: "ConsentTexts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_GroupMembers_ConsentTexts_ConsentTextId",
                table: "GroupMembers");

            migrationBuilder.DropForeignKey(
                name: "FK_NewcomerHouseholds_ConsentTexts_ProfileConsentTextId",
                table: "NewcomerHouseholds");

            migrationBuilder.DropTable(
                name: "ConsentTexts");

            migrationBuilder.DropIndex(
                name: "IX_NewcomerHouseholds_ProfileConsentTextId",
                table: "NewcomerHouseholds");

            migrationBuilder.DropIndex(
                name: "IX_GroupMembers_ConsentTextId",
                table: "GroupMembers");

            migrationBuilder.DropColumn(
                name: "LeftAt",
                table: "NewcomerHouseholds");

            migrationBuilder.DropColumn(
                name: "ProfileConsentTextId",
                table: "NewcomerHouseholds");

            migrationBuilder.DropColumn(
                name: "ConsentTextId",
                table: "GroupMembers");
        }
    }
}
