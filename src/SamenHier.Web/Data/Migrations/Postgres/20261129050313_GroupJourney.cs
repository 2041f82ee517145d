using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GroupJourney : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Groups_CityId",
                table: "Groups");

            migrationBuilder.AddColumn<Guid>(
                name: "ConcurrencyStamp",
                table: "Groups",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateOnly>(
                name: "IntakeDoneOn",
                table: "Groups",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PlanApprovedAt",
                table: "Groups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReadyAt",
                table: "Groups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TrainingsDoneAt",
                table: "Groups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "Groups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "Groups",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VogCheckedBy",
                table: "GroupMembers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "VogCheckedOn",
                table: "GroupMembers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VogOutcome",
                table: "GroupMembers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ExportLogs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    What = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Filter = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Rows = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExportLogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GroupEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupEvents_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_CityId_Status",
                table: "Groups",
                columns: new[] { "CityId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupEvents_GroupId_At",
                table: "GroupEvents",
                columns: new[] { "GroupId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExportLogs");

            migrationBuilder.DropTable(
                name: "GroupEvents");

            migrationBuilder.DropIndex(
                name: "IX_Groups_CityId_Status",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "IntakeDoneOn",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "PlanApprovedAt",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "ReadyAt",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "TrainingsDoneAt",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "VogCheckedBy",
                table: "GroupMembers");

            migrationBuilder.DropColumn(
                name: "VogCheckedOn",
                table: "GroupMembers");

            migrationBuilder.DropColumn(
                name: "VogOutcome",
                table: "GroupMembers");

            migrationBuilder.CreateIndex(
                name: "IX_Groups_CityId",
                table: "Groups",
                column: "CityId");
        }
    }
}
