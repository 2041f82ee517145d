using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
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
                type: "character varying(34)",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StopReason",
                table: "Donations",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AmendedFromIban",
                table: "Collections",
                type: "character varying(34)",
                maxLength: 34,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FailedOn",
                table: "Collections",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Failure",
                table: "Collections",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureCode",
                table: "Collections",
                type: "character varying(35)",
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
