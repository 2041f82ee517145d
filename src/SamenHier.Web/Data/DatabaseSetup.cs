using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (default) or "Postgres".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Apply migrations at start-up. Turn off in production to migrate as a separate step.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Fill an empty database with demo groups. Defaults to on in Development only.</summary>
    public bool? SeedDemoData { get; set; }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
}

public static class DatabaseSetup
{
    /// <summary>The data folder: <c>SAMENHIER_DATA</c>, default <c>./data</c>, created on first run.</summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration["SAMENHIER_DATA"] is { Length: > 0 } configured ? configured : "data");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Registers the DbContext for the configured provider. Configuration is read when the context is
    /// first needed (not while the app is being built), so every source, including test hosts, counts.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddDbContext<PostgresAppDbContext>((sp, o) =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var connectionString = config.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Postgres is empty. Set ConnectionStrings__Postgres.");
            }

            o.UseNpgsql(connectionString);
        });
        services.AddDbContext<SqliteAppDbContext>((sp, o) =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var connectionString = config.GetConnectionString("Sqlite") is { Length: > 0 } configured
                ? configured
                : new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(DataDirectory(config), "samenhier.db"),
                    Pooling = true,
                }.ToString();
            o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmaInterceptor());
        });
        services.AddScoped<AppDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
                ? sp.GetRequiredService<PostgresAppDbContext>()
                : sp.GetRequiredService<SqliteAppDbContext>());
        return services;
    }

    /// <summary>
    /// Checks SQLite durability, applies migrations (when allowed, or when <paramref name="migrate"/> asks
    /// for it, as the migrate command does), inserts reference and demo data (unless <paramref name="demoData"/>
    /// is false, as for the seed command, which fills the database itself).
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, bool migrate = false, bool demoData = true)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SamenHier.Database");
        var ct = app.Lifetime.ApplicationStopping;

        if (db.Database.IsSqlite())
        {
            // WAL is a property of the database file; set it before anything else touches the file.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                await CheckSqliteDurabilityAsync(db, ct);
                if (await ReleaseStaleMigrationLockAsync(db, ct))
                {
                    logger.LogWarning("Removed a migration lock left by a process that stopped during start-up.");
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        if (options.MigrateOnStartup || migrate)
        {
            await db.Database.MigrateAsync(ct);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            // Production migrates as a separate step; until then /health reports the schema as behind.
            logger.LogWarning("The database has pending migrations and Database:MigrateOnStartup is off.");
            return;
        }

        // The key ring gets its first key (written through a context of its own) before the lock
        // below: on SQLite that write would find the database locked by this very transaction.
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("SamenHier.StartUp").Protect("ready");

        // Instances that start at the same moment (a deployment) would each find a role or a city
        // missing and both add it. One transaction, one instance at a time: on PostgreSQL under an
        // advisory lock, on SQLite by the write lock of an immediate transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // Waiting behind another instance's first start (a large upgrade) may take longer than a
            // command's usual 30 seconds.
            var usual = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7305012026);", ct);
            db.Database.SetCommandTimeout(usual);
        }

        await ReferenceData.EnsureAsync(db, ct);
        if (await Features.Newcomers.NewcomerSealing.SealLegacyAsync(db, scope.ServiceProvider.GetRequiredService<Infrastructure.Security.RestrictedData>(), ct) is > 0 and var sealedCount)
        {
            logger.LogInformation("Encrypted the restricted fields of {Count} households written before encryption.", sealedCount);
        }

        await Features.Trainings.TrainingModel.EnsureAsync(db, ct);
        await Features.Impact.SurveyModel.EnsureAsync(db, ct);
        await Features.Accounts.AccountsSetup.EnsureRolesAsync(scope.ServiceProvider);

        if (demoData && (options.SeedDemoData ?? app.Environment.IsDevelopment()))
        {
            var time = app.Services.GetRequiredService<TimeProvider>();
            await DemoData.EnsureAsync(db, time, scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource>>(), ct);
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("Database ready ({Provider}).", db.Database.ProviderName);
    }

    /// <summary>Fails start-up when SQLite would not be durable: WAL journal and synchronous=FULL.</summary>
    internal static async Task CheckSqliteDurabilityAsync(AppDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var journal = await ScalarAsync(connection, "PRAGMA journal_mode;", ct);
        var synchronous = await ScalarAsync(connection, "PRAGMA synchronous;", ct);
        if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
        {
            throw new InvalidOperationException(
                $"SQLite must run with journal_mode=WAL and synchronous=FULL (2); found journal_mode={journal}, synchronous={synchronous}.");
        }
    }

    /// <summary>
    /// EF Core keeps a migration lock as a row; a process killed while holding it would make every later
    /// start wait for ever. One SQLite file serves one app process, so a lock found at start-up is stale.
    /// </summary>
    internal static async Task<bool> ReleaseStaleMigrationLockAsync(AppDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var exists = await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock';", ct);
        return exists == "1" && await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\";", ct) > 0;
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Every SQLite connection: full fsync on commit, foreign keys on, wait for locks instead of failing.</summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
