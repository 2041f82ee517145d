using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Security;

namespace SamenHier.Web.Infrastructure;

/// <summary>
/// A backup is one zip file: the database (a consistent copy made while the site runs: SQLite's
/// <c>VACUUM INTO</c>, or <c>pg_dump</c> in its custom format), which holds the Data Protection key
/// ring; the certificate that decrypts that key ring when the site made it in its data folder
/// (without it, encrypted fields, sign-in cookies and form tokens cannot be read back); and a
/// manifest saying what it holds. <c>backup &lt;file&gt;</c> and
/// <c>restore &lt;file&gt;</c> (see <see cref="Commands"/>) use it.
/// </summary>
public static class Backups
{
    public const string Format = "samenhier-backup-2";

    /// <summary>What a backup holds.</summary>
    /// <param name="Format">The backup format (<see cref="Format"/>).</param>
    /// <param name="Provider">Sqlite or Postgres.</param>
    /// <param name="CreatedAt">When it was made.</param>
    /// <param name="LastMigration">The database's schema version.</param>
    /// <param name="Keys">How many keys the database's key ring held.</param>
    /// <param name="KeyCertificate">Whether the key ring's certificate is in the backup (not when it is configured from elsewhere: DataProtection:CertificatePath).</param>
    public sealed record Manifest(string Format, string Provider, DateTimeOffset CreatedAt, string? LastMigration, int Keys, bool KeyCertificate);

    public sealed class BackupException(string message) : Exception(message);

    private const string SqliteEntry = "samenhier.db";
    private const string PostgresEntry = "postgres.dump";
    private const string CertificateEntry = "keys/" + KeyRing.GeneratedCertificate;

    /// <summary>Writes the backup to <paramref name="file"/> (replaced only once complete) and returns its manifest.</summary>
    public static async Task<Manifest> CreateAsync(IServiceProvider services, IConfiguration configuration, string file, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var work = Directory.CreateTempSubdirectory("samenhier-backup-");
        try
        {
            string entry;
            if (db.Database.IsSqlite())
            {
                entry = SqliteEntry;
                // One read transaction: a consistent copy while the site goes on writing (WAL).
                await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0};", [Path.Combine(work.FullName, entry)], ct);
            }
            else
            {
                entry = PostgresEntry;
                var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
                await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", Path.Combine(work.FullName, entry)], connection, ct);
            }

            var certificate = configuration[$"{KeyRing.Section}:CertificatePath"] is { Length: > 0 } ? null : KeyRing.GeneratedPath(configuration);
            var manifest = new Manifest(
                Format,
                db.Database.IsSqlite() ? "Sqlite" : "Postgres",
                services.GetRequiredService<TimeProvider>().GetUtcNow(),
                (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault(),
                await db.DataProtectionKeys.CountAsync(ct),
                certificate is not null && File.Exists(certificate));

            var target = Path.GetFullPath(file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + ".partial";
            try
            {
                // Readable by the operator only: it holds everyone's data and the keys to what is protected.
                await using (var stream = new FileStream(partial, OwnerOnly(FileMode.Create, FileAccess.Write)))
                await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
                {
                    await using (var writer = (await zip.CreateEntry("manifest.json").OpenAsync(ct)))
                    {
                        await JsonSerializer.SerializeAsync(writer, manifest, cancellationToken: ct);
                    }

                    await zip.CreateEntryFromFileAsync(Path.Combine(work.FullName, entry), entry, CompressionLevel.Optimal, ct);
                    if (manifest.KeyCertificate)
                    {
                        await zip.CreateEntryFromFileAsync(certificate!, CertificateEntry, CompressionLevel.Optimal, ct);
                    }
                }

                File.Move(partial, target, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }

            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Brings a backup back into the configured data folder and database, which must be empty:
    /// a restore never overwrites data that exists.
    /// </summary>
    public static async Task<Manifest> RestoreAsync(IServiceProvider services, IConfiguration configuration, string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            throw new BackupException($"No backup at {file}.");
        }

        await using var stream = File.OpenRead(file);
        await using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var manifestEntry = zip.GetEntry("manifest.json") ?? throw new BackupException($"{file} is not a SamenHier backup (no manifest).");
        Manifest manifest;
        await using (var reader = await manifestEntry.OpenAsync(ct))
        {
            manifest = await JsonSerializer.DeserializeAsync<Manifest>(reader, cancellationToken: ct) ?? throw new BackupException("The backup's manifest is empty.");
        }

        if (manifest.Format != Format)
        {
            throw new BackupException(manifest.Format == "samenhier-backup-1"
                ? "This backup was made by an earlier version (its keys are files, not in the database): restore it with that version, then upgrade."
                : $"Unknown backup format '{manifest.Format}'.");
        }

        var data = DatabaseSetup.DataDirectory(configuration);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var provider = db.Database.IsSqlite() ? "Sqlite" : "Postgres";
        if (manifest.Provider != provider)
        {
            throw new BackupException($"The backup holds a {manifest.Provider} database; this site is configured for {provider} (Database:Provider).");
        }

        if (provider == "Sqlite")
        {
            var target = Path.Combine(data, SqliteEntry);
            if (new[] { target, target + "-wal", target + "-shm" }.FirstOrDefault(File.Exists) is { } existing)
            {
                throw new BackupException($"{existing} exists: restore into an empty data folder (move the old files aside first).");
            }

            // Written aside and renamed once complete: an interrupted restore leaves no half database.
            var partial = target + ".partial";
            try
            {
                await (zip.GetEntry(SqliteEntry) ?? throw new BackupException("The backup holds no SQLite database.")).ExtractToFileAsync(partial, overwrite: true, ct);
                File.Move(partial, target, overwrite: false);
            }
            finally
            {
                File.Delete(partial);
            }
        }
        else
        {
            if ((await db.Database.GetAppliedMigrationsAsync(ct)).Any())
            {
                throw new BackupException("The PostgreSQL database is not empty: restore into a new, empty database.");
            }

            var work = Directory.CreateTempSubdirectory("samenhier-restore-");
            try
            {
                var dump = Path.Combine(work.FullName, PostgresEntry);
                await (zip.GetEntry(PostgresEntry) ?? throw new BackupException("The backup holds no PostgreSQL dump.")).ExtractToFileAsync(dump, overwrite: false, ct);
                var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
                await RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", connection.Database!, dump], connection, ct);
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }

        if (manifest.KeyCertificate)
        {
            // The database was empty, so a certificate in the folder (made when this command started)
            // protects no key yet: the backup's own takes its place.
            var target = KeyRing.GeneratedPath(configuration);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + ".partial";
            try
            {
                await using (var from = await (zip.GetEntry(CertificateEntry) ?? throw new BackupException("The backup's key certificate is missing.")).OpenAsync(ct))
                await using (var to = new FileStream(partial, OwnerOnly(FileMode.Create, FileAccess.Write)))
                {
                    await from.CopyToAsync(to, ct);
                }

                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
        }

        return manifest;
    }

    private static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    /// <summary>Runs a PostgreSQL client program with the connection in its environment (no password on the command line).</summary>
    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, NpgsqlConnectionStringBuilder connection, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGDATABASE"] = connection.Database;
        if (!string.IsNullOrEmpty(connection.Password))
        {
            start.Environment["PGPASSWORD"] = connection.Password;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{program} was not found: install the PostgreSQL client (Debian: postgresql-client) of the server's version or newer.");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{program} failed ({process.ExitCode}): {(await errors).Trim()}");
            }
        }
    }
}
