using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NewcomerDetailsLegalBasis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DetailsLegalBasis",
                table: "NewcomerHouseholds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DetailsLegalBasisAt",
                table: "NewcomerHouseholds",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetailsLegalBasis",
                table: "NewcomerHouseholds");

            migrationBuilder.DropColumn(
                name: "DetailsLegalBasisAt",
                table: "NewcomerHouseholds");
        }
    }
}
