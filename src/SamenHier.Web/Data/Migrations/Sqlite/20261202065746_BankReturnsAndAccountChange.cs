using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BankReturnsAndAccountChange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AmendedFromIban",
                table: "Donations",
                type: "TEXT",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StopReason",
                table: "Donations",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AmendedFromIban",
                table: "Collections",
                type: "TEXT",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FailedOn",
                table: "Collections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Failure",
                table: "Collections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureCode",
                table: "Collections",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Collections_EndToEndId",
                table: "Collections",
                column: "EndToEndId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Collections_EndToEndId",
                table: "Collections");

            migrationBuilder.DropColumn(
                name: "AmendedFromIban",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "StopReason",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "AmendedFromIban",
                table: "Collections");

            migrationBuilder.DropColumn(
                name: "FailedOn",
                table: "Collections");

            migrationBuilder.DropColumn(
                name: "Failure",
                table: "Collections");

            migrationBuilder.DropColumn(
                name: "FailureCode",
                table: "Collections");
        }
    }
}
