using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DonationSchedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ConfirmedAt",
                table: "Donations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ScheduleAnchor",
                table: "Donations",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<long>(
                name: "CancelledAt",
                table: "CollectionRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancelledBy",
                table: "CollectionRuns",
                type: "TEXT",
                nullable: true);

            // Gifts made before: their schedule counts from their next date.
            migrationBuilder.Sql("UPDATE \"Donations\" SET \"ScheduleAnchor\" = \"NextCollectionOn\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "ScheduleAnchor",
                table: "Donations");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "CollectionRuns");

            migrationBuilder.DropColumn(
                name: "CancelledBy",
                table: "CollectionRuns");
        }
    }
}
