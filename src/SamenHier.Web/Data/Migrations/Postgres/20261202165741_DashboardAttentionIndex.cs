using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardAttentionIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GroupMembers_GroupId_VogCheckedOn",
                table: "GroupMembers");

            migrationBuilder.CreateIndex(
                name: "IX_Groups_Attention",
                table: "Groups",
                columns: new[] { "Status", "CommunityBuilderId", "CreatedAt", "CityId", "CompletedAt", "ReadyAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_GroupId_VogCheckedOn_LeftAt",
                table: "GroupMembers",
                columns: new[] { "GroupId", "VogCheckedOn", "LeftAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Groups_Attention",
                table: "Groups");

            migrationBuilder.DropIndex(
                name: "IX_GroupMembers_GroupId_VogCheckedOn_LeftAt",
                table: "GroupMembers");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_GroupId_VogCheckedOn",
                table: "GroupMembers",
                columns: new[] { "GroupId", "VogCheckedOn" });
        }
    }
}
