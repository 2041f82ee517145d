using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ErasedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ErasedAt",
                table: "NewcomerHouseholds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ErasedAt",
                table: "Groups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ErasedAt",
                table: "GroupMembers",
                type: "INTEGER",
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
