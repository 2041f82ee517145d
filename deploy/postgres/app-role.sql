-- The role the site runs as on PostgreSQL, apart from the role that owns the tables and migrates them.
-- It may read and write the data, but only add to the logs (audit of changes, access log, exports):
-- it cannot change or delete a log row, nor drop the triggers that refuse that (only the owner can).
--
-- Once, as a superuser:   CREATE ROLE samenhier_app LOGIN PASSWORD '…';
-- After every migration, as the owner, in the site's database:
--   psql -v ON_ERROR_STOP=1 -d samenhier -f deploy/postgres/app-role.sql
-- Then run the site as samenhier_app with Database__MigrateOnStartup=false (see docs/operations.md).

GRANT USAGE ON SCHEMA public TO samenhier_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO samenhier_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO samenhier_app;

-- The logs: read and add only.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvents", "AccessLog", "ExportLogs" FROM samenhier_app;

-- The schema's history: the site only checks whether migrations are pending.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM samenhier_app;
