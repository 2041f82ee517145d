using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Enquiries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Enquiries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Organisation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CityId = table.Column<int>(type: "integer", nullable: true),
                    Offer = table.Column<int>(type: "integer", nullable: true),
                    SpacePlace = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    SpaceCapacity = table.Column<int>(type: "integer", nullable: true),
                    SpaceAccessibility = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Town = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Requester = table.Column<int>(type: "integer", nullable: true),
                    Subject = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    Message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StaffNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enquiries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enquiries_Cities_CityId",
                        column: x => x.CityId,
                        principalTable: "Cities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Enquiries_CityId",
                table: "Enquiries",
                column: "CityId");

            migrationBuilder.CreateIndex(
                name: "IX_Enquiries_Kind_Status",
                table: "Enquiries",
                columns: new[] { "Kind", "Status" });

            // Contact questions received so far join the list of enquiries (kind 3 = Contact, status 0 = New).
            migrationBuilder.Sql(
                "INSERT INTO \"Enquiries\" (\"Id\", \"Kind\", \"Status\", \"Name\", \"Email\", \"Subject\", \"Message\", \"Language\", \"ReceivedAt\", \"Version\") "
                + "SELECT \"Id\", 3, 0, \"Name\", \"Email\", \"Subject\", \"Message\", \"Language\", \"ReceivedAt\", \"Id\" FROM \"ContactMessages\"");

            migrationBuilder.DropTable(
                name: "ContactMessages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Subject = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMessages", x => x.Id);
                });

            // Contact questions go back to their own table; the other enquiries have none to go to.
            migrationBuilder.Sql(
                "INSERT INTO \"ContactMessages\" (\"Id\", \"Email\", \"Language\", \"Message\", \"Name\", \"ReceivedAt\", \"Subject\") "
                + "SELECT \"Id\", \"Email\", \"Language\", COALESCE(\"Message\", ''), \"Name\", \"ReceivedAt\", COALESCE(\"Subject\", '') FROM \"Enquiries\" WHERE \"Kind\" = 3");

            migrationBuilder.DropTable(
                name: "Enquiries");
        }
    }
}
