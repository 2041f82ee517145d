using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SamenHier.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccessLogAndAppendOnlyLogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Fields = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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

            // The logs are only ever added to: the database refuses to change or delete a row, whoever asks
            // (a role that owns the table could drop the trigger: docs/privacy.md runs the site as a role that does not).
            migrationBuilder.Sql("""
                CREATE FUNCTION samenhier_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The table % is append-only: its rows cannot be changed or deleted.', TG_TABLE_NAME
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "AuditEvents_append_only" BEFORE UPDATE OR DELETE ON "AuditEvents" FOR EACH ROW EXECUTE FUNCTION samenhier_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER "AuditEvents_no_truncate" BEFORE TRUNCATE ON "AuditEvents" FOR EACH STATEMENT EXECUTE FUNCTION samenhier_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER "AccessLog_append_only" BEFORE UPDATE OR DELETE ON "AccessLog" FOR EACH ROW EXECUTE FUNCTION samenhier_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER "AccessLog_no_truncate" BEFORE TRUNCATE ON "AccessLog" FOR EACH STATEMENT EXECUTE FUNCTION samenhier_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER "ExportLogs_append_only" BEFORE UPDATE OR DELETE ON "ExportLogs" FOR EACH ROW EXECUTE FUNCTION samenhier_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER "ExportLogs_no_truncate" BEFORE TRUNCATE ON "ExportLogs" FOR EACH STATEMENT EXECUTE FUNCTION samenhier_append_only();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditEvents_append_only" ON "AuditEvents"; DROP TRIGGER "AuditEvents_no_truncate" ON "AuditEvents";""");
            migrationBuilder.Sql("""DROP TRIGGER "AccessLog_append_only" ON "AccessLog"; DROP TRIGGER "AccessLog_no_truncate" ON "AccessLog";""");
            migrationBuilder.Sql("""DROP TRIGGER "ExportLogs_append_only" ON "ExportLogs"; DROP TRIGGER "ExportLogs_no_truncate" ON "ExportLogs";""");
            migrationBuilder.Sql("DROP FUNCTION samenhier_append_only();");

            migrationBuilder.DropTable(
                name: "AccessLog");
        }
    }
}
