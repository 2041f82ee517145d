using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberScreeningIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GroupMembers_GroupId",
                table: "GroupMembers");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_GroupId_VogCheckedOn",
                table: "GroupMembers",
                columns: new[] { "GroupId", "VogCheckedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GroupMembers_GroupId_VogCheckedOn",
                table: "GroupMembers");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_GroupId",
                table: "GroupMembers",
                column: "GroupId");
        }
    }
}
