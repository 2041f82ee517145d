using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NewcomerPortal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "NewcomerHouseholds",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "UserId",
                table: "NewcomerHouseholds",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewcomerHouseholds_ContactEmail",
                table: "NewcomerHouseholds",
                column: "ContactEmail");

            migrationBuilder.CreateIndex(
                name: "IX_NewcomerHouseholds_UserId",
                table: "NewcomerHouseholds",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NewcomerHouseholds_ContactEmail",
                table: "NewcomerHouseholds");

            migrationBuilder.DropIndex(
                name: "IX_NewcomerHouseholds_UserId",
                table: "NewcomerHouseholds");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "NewcomerHouseholds");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "NewcomerHouseholds");
        }
    }
}
