using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ErasedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ErasedAt",
                table: "NewcomerHouseholds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ErasedAt",
                table: "Groups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ErasedAt",
                table: "GroupMembers",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "NewcomerHouseholds");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "GroupMembers");
        }
    }
}
