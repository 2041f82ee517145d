using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Privacy;

/// <summary>The access log (who was shown restricted fields) and the logs the database keeps append-only.</summary>
public sealed class AccessLogTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task ViewingRestrictedFields_IsLogged_ShownToNationalStaff_AndNoLogRowCanBeChangedOrDeleted(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "co@samenhier.nl", "Coordinator", "rotterdam");
        await NewcomerJourney.RecordAsync(coordinator, app, "rotterdam", "Familie Haddad", health: "Diabetes");
        await NewcomerJourney.RecordAsync(coordinator, app, "rotterdam", "Familie Tesfay", health: null, basis: "None");
        var withNothingRestricted = await app.WithDbAsync(db => db.NewcomerHouseholds.Where(h => h.Label == "Familie Tesfay").Select(h => h.Id).SingleAsync());
        var id = await app.WithDbAsync(db => db.NewcomerHouseholds.Where(h => h.Label == "Familie Haddad").Select(h => h.Id).SingleAsync());

        var before = await app.WithDbAsync(db => db.AccessLog.CountAsync());
        await Page.GetAsync(coordinator, $"/beheer/nieuwkomers/bewerken/{id}");
        await Page.GetAsync(coordinator, $"/beheer/nieuwkomers/bewerken/{withNothingRestricted}");

        // One more entry, for the household whose restricted fields were shown, with the fields' names only.
        var entries = await app.WithDbAsync(db => db.AccessLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(before + 1, entries.Count);
        Assert.All(entries, e => Assert.Equal(id.ToString("N"), e.SubjectId));
        var entry = entries[^1];
        Assert.Equal(("co", "Viewed", "newcomer", id.ToString("N"), "HealthAndAccessibility,AccessibilityNeeds"), (entry.ByName, entry.Action, entry.Subject, entry.SubjectId, entry.Fields));

        var overview = await Page.GetAsync(admin, "/beheer/privacy");
        var row = overview.Document.QuerySelectorAll("#access tbody tr")[0];
        Assert.Equal(entries.Count, overview.Document.QuerySelectorAll("#access tbody tr").Length);
        Assert.Contains("Familie Haddad", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Gezondheid en toegankelijkheid, Toegankelijkheidsbehoeften", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Diabetes", overview.Text, StringComparison.Ordinal);
        var forbidden = await coordinator.GetAsync(new Uri("/beheer/privacy", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // The database itself refuses to change or delete a log row.
        foreach (var sql in new[] { "UPDATE \"AuditEvents\" SET \"Kind\" = 'Changed'", "DELETE FROM \"AuditEvents\"", "UPDATE \"AccessLog\" SET \"ByName\" = 'x'", "DELETE FROM \"AccessLog\"" })
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(entries.Count, await app.WithDbAsync(db => db.AccessLog.CountAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Subject == "newcomer")));

        // Every log table has its guard, also the exports log (empty here).
        var triggers = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(provider == Provider.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'"
            : "SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal").ToListAsync());
        foreach (var table in new[] { "AuditEvents", "AccessLog", "ExportLogs" })
        {
            Assert.Contains(triggers, t => t.StartsWith(table + "_", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task OnPostgres_TheSitesOwnRole_MayOnlyAddToTheLogs()
    {
        var role = "sh_app_" + Guid.NewGuid().ToString("N")[..12];
        var owner = new AppFactory(Provider.Postgres);
        AppFactory? site = null;
        try
        {
            var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "postgres", "app-role.sql"), TestContext.Current.CancellationToken);
            await using (var connection = new NpgsqlConnection(owner.PostgresConnectionString))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN; " + script.Replace("samenhier_app", role, StringComparison.Ordinal), connection);
                await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            site = new AppFactory(Provider.Postgres, new()
            {
                ["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(owner.PostgresConnectionString) { Username = role }.ConnectionString,
                ["Database:MigrateOnStartup"] = "false",
            });
            var (admin, _) = await StaffJourney.CreateAdminAsync(site);
            await NewcomerJourney.RecordAsync(admin, site, "rotterdam", "Familie Haddad");
            var id = await site.WithDbAsync(db => db.NewcomerHouseholds.Select(h => h.Id).SingleAsync());
            await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{id}");
            Assert.True(await site.WithDbAsync(db => db.AccessLog.CountAsync()) >= 1);

            foreach (var sql in new[] { "UPDATE \"AuditEvents\" SET \"Kind\" = 'Changed'", "DELETE FROM \"AccessLog\"", "TRUNCATE \"ExportLogs\"", "DROP TRIGGER \"AccessLog_append_only\" ON \"AccessLog\"" })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            }
        }
        finally
        {
            if (site is not null)
            {
                await site.DisposeAsync();
            }

            await owner.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(AppFactory.PostgresAdmin());
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {role}", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
