using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "DetailsLegalBasisAt",
                table: "NewcomerHouseholds",
                type: "INTEGER",
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
