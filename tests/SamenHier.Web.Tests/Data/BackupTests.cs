using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Data;

/// <summary>The backup command: the database and the key ring, made while the site runs, restored on a clean data folder.</summary>
public sealed class BackupTests
{
    /// <summary>What the restore command sees: configuration and services, the site not started.</summary>
    private static (IServiceProvider Services, IConfiguration Configuration) Offline(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System);
        services.AddAppDatabase(configuration);
        return (services.BuildServiceProvider(), configuration);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task ABackup_MadeWhileTheSiteRuns_RestoresOnACleanDataFolder_KeysIncluded(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var clean = Path.Combine(Path.GetTempPath(), "samenhier-restore-" + Guid.NewGuid().ToString("N"));
        var database = "sh_restore_" + Guid.NewGuid().ToString("N")[..12];
        var file = Path.Combine(Path.GetTempPath(), $"samenhier-backup-{Guid.NewGuid():N}.zip");
        // The site makes its own key certificate in its data folder (none configured), so the backup carries it.
        var settings = new Dictionary<string, string?> { ["SAMENHIER_DATA"] = clean, ["Database:Provider"] = provider.ToString(), ["DataProtection:CertificatePath"] = "" };
        if (provider == Provider.Postgres)
        {
            await using var admin = new NpgsqlConnection(AppFactory.PostgresAdmin());
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(ct);
            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(AppFactory.PostgresAdmin()) { Database = database }.ConnectionString;
        }

        try
        {
            string key;
            await using (var site = new AppFactory(provider, new() { ["DataProtection:CertificatePath"] = "" }))
            {
                HttpClient admin;
                (admin, key) = await StaffJourney.CreateAdminAsync(site);
                await StaffJourney.CompleteGroupAsync(site, "voor", groupName: "Voor de backup");
                await NewcomerJourney.RecordAsync(admin, site, "rotterdam", "Familie Haddad", "Alleen met de sleutels te lezen", "ExplicitConsent");

                var made = await Backups.CreateAsync(site.Services, site.Services.GetRequiredService<IConfiguration>(), file, ct);
                Assert.Equal(provider.ToString(), made.Provider);
                Assert.True(made.Keys >= 1);
                Assert.True(made.KeyCertificate);
                // The site goes on; what comes after the backup is not in it.
                await StaffJourney.CompleteGroupAsync(site, "na", groupName: "Na de backup");
            }

            var (services, configuration) = Offline(settings);
            var restored = await Backups.RestoreAsync(services, configuration, file, ct);
            Assert.Equal(provider.ToString(), restored.Provider);
            var certificate = Path.Combine(clean, "keys", "key-protection.pfx");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));
            }

            await using var back = new AppFactory(provider, settings, fresh: true);
            // The encrypted field reads back with the restored key ring and certificate.
            var household = await back.WithDbAsync(db => db.NewcomerHouseholds.SingleAsync());
            Assert.Equal("Alleen met de sleutels te lezen", back.Reveal(nameof(household.HealthAndAccessibility), household.HealthAndAccessibility));
            Assert.Equal(["Voor de backup"], await back.WithDbAsync(db => db.Groups.Select(g => g.Name).ToListAsync()));
            var home = await StaffJourney.SignInAsync(back.Client(), "admin@samenhier.nl", StaffJourney.Password, key);
            Assert.Equal("/beheer", home.Path);

            // A restore never overwrites: the same backup into the now-used folder is refused.
            var again = await Assert.ThrowsAsync<Backups.BackupException>(() => Backups.RestoreAsync(services, configuration, file, ct));
            Assert.Contains("empty", again.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(clean))
            {
                Directory.Delete(clean, recursive: true);
            }

            if (provider == Provider.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(AppFactory.PostgresAdmin());
                await admin.OpenAsync(CancellationToken.None);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task Restore_OfSomethingElse_IsRefusedWithAReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "samenhier-restore-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(Path.GetTempPath(), $"not-a-backup-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var zip = new System.IO.Compression.ZipArchive(File.Create(file), System.IO.Compression.ZipArchiveMode.Create))
            {
                zip.CreateEntry("readme.txt");
            }

            var (services, configuration) = Offline(new() { ["SAMENHIER_DATA"] = folder });
            var error = await Assert.ThrowsAsync<Backups.BackupException>(() => Backups.RestoreAsync(services, configuration, file, ct));
            Assert.Contains("not a SamenHier backup", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "samenhier.db")));
        }
        finally
        {
            File.Delete(file);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
