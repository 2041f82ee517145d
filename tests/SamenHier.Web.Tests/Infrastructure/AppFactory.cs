using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SamenHier.Web.Data;

namespace SamenHier.Web.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real app over HTTP, on a real database of its own: a SQLite file in a fresh data folder, or a
/// fresh PostgreSQL database on the server the test script started.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    static AppFactory()
    {
        // Dozens of apps run side by side in the tests; each would watch its files (configuration,
        // versioned static files) with inotify, whose instances are limited per user (128 on many
        // machines). Polling needs none, and the tests change no files.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    /// <summary>Admin connection string of the throwaway PostgreSQL server that test.sh starts.</summary>
    public const string PostgresVariable = "SAMENHIER_TEST_POSTGRES";

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _postgresDatabase;
    private readonly bool _useKestrel;
    private readonly string _environment;

    /// <summary>A second instance of the app on the database of <paramref name="first"/>, with the same clock: what several instances behind one load balancer are.</summary>
    public AppFactory(AppFactory first, Dictionary<string, string?>? settings = null, bool kestrel = false)
        : this(first.Provider, SecondSettings(first, settings), first.Time is not null, kestrel)
    {
        Time = first.Time;
        if (first.Provider == Provider.Postgres)
        {
            // Drop the database made for this instance; use the first one's.
            NpgsqlConnection.ClearAllPools();
            using (var connection = new NpgsqlConnection(PostgresAdmin()))
            {
                connection.Open();
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase}", connection);
                command.ExecuteNonQuery();
            }

            _postgresDatabase = null;
            _settings["ConnectionStrings:Postgres"] = first._settings["ConnectionStrings:Postgres"];
        }
        else
        {
            _settings["SAMENHIER_DATA"] = first.DataDirectory;
        }
    }

    /// <summary>The first instance's e-mail settings (one SMTP server for the site), then <paramref name="settings"/>.</summary>
    private static Dictionary<string, string?> SecondSettings(AppFactory first, Dictionary<string, string?>? settings)
    {
        var merged = first._settings.Where(s => s.Key.StartsWith("Email:", StringComparison.Ordinal)).ToDictionary();
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>The app on a database of its own. <paramref name="fresh"/>: an empty database, nothing
    /// migrated (for tests of migrating itself); otherwise a copy of one migrated once per test run.</summary>
    public AppFactory(Provider provider = Provider.Sqlite, Dictionary<string, string?>? settings = null, bool fakeTime = true, bool kestrel = false, string environment = "Testing", bool fresh = false)
    {
        _environment = environment;
        Provider = provider;
        _useKestrel = kestrel;
        DataDirectory = Path.Combine(TestRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        if (provider == Provider.Sqlite && !fresh)
        {
            File.Copy(SqliteTemplate.Value, Path.Combine(DataDirectory, "samenhier.db"));
        }

        Time = fakeTime ? new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)) : null;
        _settings = new Dictionary<string, string?>
        {
            ["SAMENHIER_DATA"] = DataDirectory,
            ["Database:Provider"] = provider.ToString(),
            ["Email:SenderEnabled"] = "false",
            ["SignUp:ExpiryJobEnabled"] = "false",
            ["Reminders:Enabled"] = "false",
            ["Retention:JobEnabled"] = "false",
            ["SignUp:MinimumSecondsToComplete"] = "0",
            ["Contact:MinimumSecondsToComplete"] = "0",
            ["Donations:MinimumSecondsToComplete"] = "0",
            ["Donations:CreditorName"] = "Stichting Samen Hier",
            ["Donations:CreditorIban"] = "NL91ABNA0417164300",
            ["Donations:CreditorBic"] = "ABNANL2A",
            ["Donations:CreditorId"] = "NL69ZZZ123456780000",
            ["RateLimits:SignUpsPerWindow"] = "1000",
            ["RateLimits:PublicPostsPerWindow"] = "1000",
            ["App:PublicBaseUrl"] = "https://localhost",
            // One certificate for the key rings of every app in the run: making an RSA key per test would cost seconds.
            ["DataProtection:CertificatePath"] = KeyCertificate.Value,
        };
        if (provider == Provider.Postgres)
        {
            var admin = PostgresAdmin();
            _postgresDatabase = "sh_test_" + Guid.NewGuid().ToString("N")[..16];
            using (var connection = new NpgsqlConnection(admin))
            {
                connection.Open();
                CreatePostgresDatabase(connection, _postgresDatabase, fresh ? null : PostgresTemplate.Value);
            }

            _settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(admin) { Database = _postgresDatabase }.ConnectionString;
        }

        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    /// <summary>
    /// Where the apps' data folders go: in memory (/dev/shm) when there is room, so SQLite's fsync on
    /// every commit (synchronous=FULL, which the app insists on) costs nothing; the temp folder otherwise.
    /// </summary>
    private static readonly string TestRoot = ChooseTestRoot();

    private static string ChooseTestRoot()
    {
        const string shm = "/dev/shm";
        try
        {
            if (Directory.Exists(shm) && new DriveInfo(shm).AvailableFreeSpace > 2L * 1024 * 1024 * 1024)
            {
                return Path.Combine(shm, "samenhier-tests");
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Path.Combine(Path.GetTempPath(), "samenhier-tests");
    }

    public Provider Provider { get; }

    /// <summary>The certificate that encrypts the test apps' key rings, made once (the site's own way, see <c>KeyRing</c>).</summary>
    private static readonly Lazy<string> KeyCertificate = new(() =>
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SAMENHIER_DATA"] = Path.Combine(TestRoot, $"key-certificate-{Environment.ProcessId}") })
            .Build();
        global::SamenHier.Web.Infrastructure.Security.KeyRing.Certificate(configuration).Dispose();
        return global::SamenHier.Web.Infrastructure.Security.KeyRing.GeneratedPath(configuration);
    });

    /// <summary>The connection string of this app's PostgreSQL database (as the superuser the tests use).</summary>
    public string PostgresConnectionString => _settings["ConnectionStrings:Postgres"] ?? throw new InvalidOperationException("Not a PostgreSQL app.");

    /// <summary>The text of a restricted value, read with this app's key ring.</summary>
    public string? Reveal(string field, global::SamenHier.Web.Infrastructure.Security.SealedText? value) =>
        Services.GetRequiredService<global::SamenHier.Web.Infrastructure.Security.RestrictedData>().Reveal(field, value);

    // Migrating a new database takes a second or two; copying one migrated once takes milliseconds.
    // The app still applies migrations at start-up and finds none pending.
    private static readonly Lazy<string> SqliteTemplate = new(() =>
    {
        var directory = Path.Combine(TestRoot, $"template-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "samenhier.db");
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString())
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;
        using (var db = new SqliteAppDbContext(options))
        {
            db.Database.OpenConnection();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            db.Database.Migrate();
            // Everything into the main file, so copying that one file copies the database.
            db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return file;
    });

    private static readonly Lazy<string> PostgresTemplate = new(() =>
    {
        var name = "sh_template_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(PostgresAdmin()))
        {
            connection.Open();
            CreatePostgresDatabase(connection, name, template: null);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(PostgresAdmin()) { Database = name, Pooling = false }.ConnectionString;
        using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
        {
            db.Database.Migrate();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                using var connection = new NpgsqlConnection(PostgresAdmin());
                connection.Open();
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
            }
        };
        return name;
    });

    private static void CreatePostgresDatabase(NpgsqlConnection admin, string name, string? template)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var command = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", admin);
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                // Another session still holds the template for a moment.
                Thread.Sleep(100);
            }
        }
    }

    public string DataDirectory { get; }

    public FakeTimeProvider? Time { get; }

    /// <summary>Everything the app logged, from Debug up.</summary>
    public LogSink Logs { get; } = new();

    public static string PostgresAdmin() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need {PostgresVariable} (an admin connection string). Run ./test.sh, which starts a throwaway server.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(l =>
        {
            l.AddProvider(Logs);
            l.AddFilter<LogSink>(null, LogLevel.Debug);
        });
        builder.ConfigureServices(services =>
        {
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }
        });
        if (_useKestrel)
        {
            // HTTPS, as in production: the session cookies are Secure with the __Host- prefix.
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(Certificate.Value)));
        }
    }

    /// <summary>The base address of the real Kestrel server (browser tests).</summary>
    public Uri StartKestrel()
    {
        StartServer();
        var server = Services.GetRequiredService<IServer>();
        _kestrelAddress = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return _kestrelAddress;
    }

    private Uri? _kestrelAddress;

    /// <summary>A self-signed certificate for 127.0.0.1, made once per test run; the test clients trust it and nothing else.</summary>
    public static readonly Lazy<X509Certificate2> Certificate = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), password: null);
    });

    /// <summary>
    /// A client with its own cookies, over HTTPS (the session cookies are Secure): the in-memory test
    /// server, or the real Kestrel port once it runs.
    /// </summary>
    public HttpClient Client(bool redirects = true) => Client(new CookieContainer(), redirects);

    /// <summary>
    /// A client that keeps its cookies in <paramref name="cookies"/>: on the real Kestrel port, clients
    /// of two instances that share a container are one browser talking to a site behind a load balancer.
    /// </summary>
    public HttpClient Client(CookieContainer cookies, bool redirects = true)
    {
        if (_kestrelAddress is null)
        {
            return CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = redirects,
                HandleCookies = true,
                BaseAddress = new Uri("https://localhost"),
            });
        }

        var thumbprint = Certificate.Value.Thumbprint;
        return new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = redirects,
            UseCookies = true,
            CookieContainer = cookies,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        })
        {
            BaseAddress = _kestrelAddress,
        };
    }

    /// <summary>A scope with the app's own DbContext, to look at what a request stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await action(db);
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresAdmin());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // A second instance's own folder is unused (it works in the first one's).
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
