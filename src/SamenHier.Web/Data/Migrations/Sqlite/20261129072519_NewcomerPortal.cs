using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "UserId",
                table: "NewcomerHouseholds",
                type: "TEXT",
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
