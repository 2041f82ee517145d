using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessLogAndAppendOnlyLogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // "No needs" is NULL rather than an empty string (the column allows NULL since the previous migration).
            migrationBuilder.Sql("UPDATE \"NewcomerHouseholds\" SET \"AccessibilityNeeds\" = NULL WHERE \"AccessibilityNeeds\" = '';");

            migrationBuilder.CreateTable(
                name: "AccessLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_At",
                table: "AccessLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_Subject_SubjectId_At",
                table: "AccessLog",
                columns: new[] { "Subject", "SubjectId", "At" });

            // The logs are only ever added to: the database refuses to change or delete a row. A later
            // migration that rebuilds one of these tables drops its triggers; a test checks they exist.
            migrationBuilder.Sql("""CREATE TRIGGER "AuditEvents_no_update" BEFORE UPDATE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, 'The table AuditEvents is append-only: its rows cannot be changed or deleted.'); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "AuditEvents_no_delete" BEFORE DELETE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, 'The table AuditEvents is append-only: its rows cannot be changed or deleted.'); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "AccessLog_no_update" BEFORE UPDATE ON "AccessLog" BEGIN SELECT RAISE(ABORT, 'The table AccessLog is append-only: its rows cannot be changed or deleted.'); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "AccessLog_no_delete" BEFORE DELETE ON "AccessLog" BEGIN SELECT RAISE(ABORT, 'The table AccessLog is append-only: its rows cannot be changed or deleted.'); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "ExportLogs_no_update" BEFORE UPDATE ON "ExportLogs" BEGIN SELECT RAISE(ABORT, 'The table ExportLogs is append-only: its rows cannot be changed or deleted.'); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "ExportLogs_no_delete" BEFORE DELETE ON "ExportLogs" BEGIN SELECT RAISE(ABORT, 'The table ExportLogs is append-only: its rows cannot be changed or deleted.'); END;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditEvents_no_update"; DROP TRIGGER "AuditEvents_no_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "AccessLog_no_update"; DROP TRIGGER "AccessLog_no_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "ExportLogs_no_update"; DROP TRIGGER "ExportLogs_no_delete";""");

            migrationBuilder.DropTable(
                name: "AccessLog");
        }
    }
}
