using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Matching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ProfileConsentAt",
                table: "NewcomerHouseholds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProfileConsentBy",
                table: "NewcomerHouseholds",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MatchedAt",
                table: "Groups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "NewcomerHouseholdId",
                table: "Groups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MatchingRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Settings = table.Column<string>(type: "TEXT", nullable: false),
                    Input = table.Column<string>(type: "TEXT", nullable: false),
                    Unmatched = table.Column<string>(type: "TEXT", nullable: false),
                    TotalScore = table.Column<long>(type: "INTEGER", nullable: false),
                    Bound = table.Column<long>(type: "INTEGER", nullable: false),
                    Optimal = table.Column<bool>(type: "INTEGER", nullable: false),
                    FeasiblePairs = table.Column<int>(type: "INTEGER", nullable: false),
                    ElapsedMilliseconds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchingRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PairRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LiftedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatchProposals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuilderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Breakdown = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Alternatives = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Pinned = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
