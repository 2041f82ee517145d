using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Matching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProfileConsentAt",
                table: "NewcomerHouseholds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProfileConsentBy",
                table: "NewcomerHouseholds",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MatchedAt",
                table: "Groups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "NewcomerHouseholdId",
                table: "Groups",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MatchingRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CityIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Settings = table.Column<string>(type: "text", nullable: false),
                    Input = table.Column<string>(type: "text", nullable: false),
                    Unmatched = table.Column<string>(type: "text", nullable: false),
                    TotalScore = table.Column<long>(type: "bigint", nullable: false),
                    Bound = table.Column<long>(type: "bigint", nullable: false),
                    Optimal = table.Column<bool>(type: "boolean", nullable: false),
                    FeasiblePairs = table.Column<int>(type: "integer", nullable: false),
                    ElapsedMilliseconds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchingRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PairRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LiftedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatchProposals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuilderId = table.Column<Guid>(type: "uuid", nullable: true),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Breakdown = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Alternatives = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Pinned = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchProposals_MatchingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "MatchingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_NewcomerHouseholdId",
                table: "Groups",
                column: "NewcomerHouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_MatchingRuns_At",
                table: "MatchingRuns",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_MatchProposals_GroupId_Status",
                table: "MatchProposals",
                columns: new[] { "GroupId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchProposals_HouseholdId_Status",
                table: "MatchProposals",
                columns: new[] { "HouseholdId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchProposals_RunId",
                table: "MatchProposals",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_PairRules_GroupId_LiftedAt",
                table: "PairRules",
                columns: new[] { "GroupId", "LiftedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PairRules_HouseholdId_LiftedAt",
                table: "PairRules",
                columns: new[] { "HouseholdId", "LiftedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MatchProposals");

            migrationBuilder.DropTable(
                name: "PairRules");

            migrationBuilder.DropTable(
                name: "MatchingRuns");

            migrationBuilder.DropIndex(
                name: "IX_Groups_NewcomerHouseholdId",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "ProfileConsentAt",
                table: "NewcomerHouseholds");

            migrationBuilder.DropColumn(
                name: "ProfileConsentBy",
                table: "NewcomerHouseholds");

            migrationBuilder.DropColumn(
                name: "MatchedAt",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "NewcomerHouseholdId",
                table: "Groups");
        }
    }
}
