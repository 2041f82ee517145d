using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Data;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Data;

public sealed class DatabaseTests
{
    [Fact]
    public async Task Sqlite_RunsInWalModeWithFullSync_InTheDataFolder()
    {
        await using var app = new AppFactory(fresh: true);
        _ = app.Client();
        var file = Path.Combine(app.DataDirectory, "samenhier.db");
        Assert.True(File.Exists(file));

        var (journal, synchronous) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var a = connection.CreateCommand();
            a.CommandText = "PRAGMA journal_mode;";
            var j = (string)(await a.ExecuteScalarAsync())!;
            await using var b = connection.CreateCommand();
            b.CommandText = "PRAGMA synchronous;";
            var s = Convert.ToInt64(await b.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            return (j, s);
        });
        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task KeyRing_IsKeptInTheDatabase_EachKeyEncrypted_AndSharedByASecondInstance(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var page = await Page.GetAsync(app.Client(), "/contact");
        Assert.NotNull(page.Document.QuerySelector("input[name=__RequestVerificationToken]"));

        var key = Assert.Single(await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync()));
        // The key's secret is encrypted with the certificate (XML encryption); its plain form would be a <value>.
        Assert.Contains("<encryptedSecret", key.Xml, StringComparison.Ordinal);
        Assert.Contains("<EncryptedData", key.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key.Xml, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "keys")) && Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "keys"), "*.xml").Any());

        // Another instance on the same database reads what this one protected: one key ring.
        var secret = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("gedeeld");
        await using var second = new AppFactory(app);
        Assert.Equal("gedeeld", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
    }

    [Fact]
    public async Task Sqlite_AfterAProcessDiedHoldingTheMigrationLock_StillStarts()
    {
        var data = Path.Combine(Path.GetTempPath(), "samenhier-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = new AppFactory(settings: new() { ["SAMENHIER_DATA"] = data }))
            {
                _ = first.Client();
            }

            // What a process killed in the middle of MigrateAsync leaves behind.
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "samenhier.db")}"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-29 05:00:00+00:00');";
                Assert.Equal(1, await command.ExecuteNonQueryAsync());
            }

            SqliteConnection.ClearAllPools();
            await using var second = new AppFactory(settings: new() { ["SAMENHIER_DATA"] = data });
            var health = await second.Client().GetAsync("/health");
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task SqliteDurabilityCheck_RefusesADatabaseWithoutWal()
    {
        var file = Path.Combine(Path.GetTempPath(), $"samenhier-nowal-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file}").Options;
            await using var db = new SqliteAppDbContext(options);
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE;");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseSetup.CheckSqliteDurabilityAsync(db, CancellationToken.None));
            Assert.Contains("journal_mode=WAL", error.Message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Migrations_CreateTheSchemaAndReferenceData(Provider provider)
    {
        await using var app = new AppFactory(provider, fresh: true);
        _ = app.Client();
        var pending = await app.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).Count());
        Assert.Equal(0, pending);
        var cities = await app.WithDbAsync(db => db.Cities.OrderBy(c => c.SortOrder).Select(c => c.Name).ToListAsync());
        Assert.Equal(["Den Haag", "Rotterdam", "Almere", "Haarlem", "Amsterdam", "Groningen", "Leidschendam-Voorburg"], cities);
        // No demo data outside Development.
        Assert.Equal(0, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task DemoData_WhenAsked_FillsAnEmptyDatabaseOnce(Provider provider)
    {
        await using (var app = new AppFactory(provider, new() { ["Database:SeedDemoData"] = "true" }))
        {
            _ = app.Client();
            Assert.Equal(10, await app.WithDbAsync(db => db.Groups.CountAsync()));
            var page = await Page.GetAsync(app.Client(), "/steden");
            Assert.Contains("Groepen gevormd: 3", page.Text);
            // Community events to answer for: a weekly language café per city with groups (public), and a national evening.
            Assert.Contains("Demo: taalcafé", page.Text);

            // Enough to try matching: ready groups, waiting households, community builders — and one language nobody covers.
            var (admin, _) = await StaffJourney.CreateAdminAsync(app);
            var run = await MatchingJourney.RunAsync(admin, app, "den-haag", "rotterdam", "almere");
            Assert.Equal(4, run.Document.QuerySelectorAll("section.sh-proposal").Length);
            Assert.Contains("geen community bouwer die Engels of Tigrinya spreekt heeft ruimte in Almere.", run.Document.QuerySelector("#unmatched-households-list")!.TextContent);

            // The forecast: Rotterdam has three resettled households waiting and two sponsor groups; Almere's Tigrinya has no builder.
            var forecast = await Page.GetAsync(admin, "/beheer/koppelen");
            var advice = forecast.Document.QuerySelectorAll(".sh-advice").Select(a => a.TextContent).ToList();
            Assert.Contains(advice, a => a.Contains("Werf sponsorgroepen: 1 wachtende huishoudens in Rotterdam", StringComparison.Ordinal));
            Assert.Contains(advice, a => a.Contains("Werf community bouwers: 1 wachtende huishoudens in Almere", StringComparison.Ordinal) && a.Contains("Tigrinya (1)", StringComparison.Ordinal));

            var events = await Page.GetAsync(admin, "/beheer/activiteiten");
            Assert.Contains("Demo: landelijke avond voor groepen", events.Document.QuerySelector("#events")!.TextContent);

            // A group in its year, with a plan partly done, a diary and check-ins; most of the work on one member.
            var haarlem = await app.WithDbAsync(db => db.Groups.Where(g => g.Name == "Haarlem Heet Welkom").Select(g => g.Id).SingleAsync());
            var year = await Page.GetAsync(admin, $"/beheer/groepen/{haarlem}/jaar");
            Assert.Equal(4, year.Document.QuerySelectorAll("#diary-list li").Length);
            Assert.Contains("Marieke Dekker draagt het meeste werk van de groep", year.Document.QuerySelector("#signals-summary")!.TextContent);
            Assert.Equal(3, year.Document.QuerySelectorAll("#check-in-table td").Count(td => td.TextContent.Contains("gehouden op", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Migrations_AreNotAppliedWhenTurnedOff()
    {
        await using var app = new AppFactory(settings: new() { ["Database:MigrateOnStartup"] = "false" }, fresh: true);
        var response = await app.Client().GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Upgrading_ADatabaseWithHouseholds_EncryptsTheirRestrictedFields_AndEmptyNeedsBecomeNone()
    {
        // A database of the version before encryption, with two households (one without accessibility needs).
        var data = Path.Combine(Path.GetTempPath(), "samenhier-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            var file = Path.Combine(data, "samenhier.db");
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await using (var db = new SqliteAppDbContext(options))
            {
                await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261202014439_StaffAccess", TestContext.Current.CancellationToken);
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                var city = await InsertAsync(connection, "Cities", new() { ["Slug"] = "oud", ["Name"] = "Oud" });
                foreach (var needs in new[] { "", "wheelchair" })
                {
                    await InsertAsync(connection, "NewcomerHouseholds", new() { ["Id"] = Guid.NewGuid().ToString().ToUpperInvariant(), ["CityId"] = city, ["Label"] = "Familie " + needs, ["AccessibilityNeeds"] = needs, ["HealthAndAccessibility"] = "Diabetes" });
                }
            }

            await using var app = new AppFactory(settings: new() { ["SAMENHIER_DATA"] = data }, fresh: true);
            var households = await app.WithDbAsync(db => db.NewcomerHouseholds.AsNoTracking().OrderBy(h => h.Label).ToListAsync());

            Assert.Equal([null, "wheelchair"], households.Select(h => app.Reveal("AccessibilityNeeds", h.AccessibilityNeeds)));
            Assert.All(households, h => Assert.Equal("Diabetes", app.Reveal("HealthAndAccessibility", h.HealthAndAccessibility)));
            Assert.All(households, h => Assert.StartsWith("dp1:", h.HealthAndAccessibility!.Stored, StringComparison.Ordinal));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        // Every NOT NULL column gets a plain value unless given: enough for rows of an older schema.
        static async Task<long> InsertAsync(SqliteConnection connection, string table, Dictionary<string, object> given)
        {
            var values = new Dictionary<string, object>(given);
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"PRAGMA table_info(\"{table}\")";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var (name, type, notNull, key) = (reader.GetString(1), reader.GetString(2), reader.GetInt32(3) == 1, reader.GetInt32(5) > 0);
                    if (!values.ContainsKey(name) && notNull && !(key && type == "INTEGER"))
                    {
                        values[name] = type != "TEXT" ? 0 : name.EndsWith("Stamp", StringComparison.Ordinal) || name.EndsWith("Id", StringComparison.Ordinal) ? Guid.NewGuid().ToString().ToUpperInvariant() : "x";
                    }
                }
            }

            await using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", values.Keys.Select((_, i) => $"$p{i}"))}); SELECT last_insert_rowid();";
            foreach (var (value, i) in values.Values.Select((v, i) => (v, i)))
            {
                insert.Parameters.AddWithValue($"$p{i}", value);
            }

            return (long)(await insert.ExecuteScalarAsync())!;
        }
    }
}
