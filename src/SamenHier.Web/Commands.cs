using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web;

/// <summary>
/// Operator commands, e.g. <c>dotnet run --project src/SamenHier.Web -- create-admin a@b.nl</c>.
/// Each runs against the configured database and exits instead of serving.
/// </summary>
public static class Commands
{
    private static readonly string[] Known = ["migrate", "create-admin", "backup", "restore", "rotate-key-certificate", "seed"];

    public static string? Parse(string[] args) =>
        args.Length > 0 && Known.Contains(args[0], StringComparer.Ordinal) ? args[0] : null;

    public static async Task<int> RunAsync(WebApplication app, string command, string[] args)
    {
        switch (command)
        {
            case "migrate":
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                    await app.InitializeDatabaseAsync(migrate: true);
                    Console.WriteLine($"Applied {pending.Count} migration(s) to the {db.Database.ProviderName} database.");
                    return 0;
                }

            case "create-admin":
                {
                    if (args.Length < 2 || !Features.SignUp.MemberRules.IsEmail(args[1]))
                    {
                        Console.Error.WriteLine("Usage: create-admin <email> [display name]");
                        return 2;
                    }

                    await app.InitializeDatabaseAsync();
                    var (created, link) = await CreateAdminAsync(app.Services, args[1], args.Length > 2 ? string.Join(' ', args[2..]) : args[1], app.Configuration);
                    Console.WriteLine(created
                        ? $"Created national staff account {args[1]}."
                        : $"{args[1]} already has an account; here is a new link to set its password.");
                    Console.WriteLine($"Open this link within {(int)AccountsSetup.SetPasswordLinkLifetime.TotalDays} days to set the password and the authenticator app (it works once):");
                    Console.WriteLine(link);
                    return 0;
                }

            case "backup":
            case "restore":
                {
                    if (args.Length != 2)
                    {
                        Console.Error.WriteLine($"Usage: {command} <file.zip>");
                        return 2;
                    }

                    try
                    {
                        if (command == "backup")
                        {
                            var made = await Infrastructure.Backups.CreateAsync(app.Services, app.Configuration, args[1], CancellationToken.None);
                            Console.WriteLine($"Backed up the {made.Provider} database (up to migration {made.LastMigration}) with {made.Keys} key(s) to {Path.GetFullPath(args[1])}.");
                            Console.WriteLine(made.KeyCertificate
                                ? "The key ring's certificate is in the backup: whoever holds the file can read everything in it. Keep it as safe as the database."
                                : "The key ring's certificate (DataProtection:CertificatePath) is not in the backup: keep a copy of it apart; without it the backup's encrypted fields cannot be read.");
                        }
                        else
                        {
                            var restored = await Infrastructure.Backups.RestoreAsync(app.Services, app.Configuration, args[1], CancellationToken.None);
                            Console.WriteLine($"Restored the {restored.Provider} database of {restored.CreatedAt:u} with {restored.Keys} key(s){(restored.KeyCertificate ? " and their certificate" : "")}. Start the site as usual; it applies any newer migrations.");
                            if (!restored.KeyCertificate)
                            {
                                Console.WriteLine("The backup holds no key certificate: set DataProtection:CertificatePath to the one the site used when the backup was made.");
                            }
                        }

                        return 0;
                    }
                    catch (Infrastructure.Backups.BackupException e)
                    {
                        Console.Error.WriteLine(e.Message);
                        return 1;
                    }
                }

            case "rotate-key-certificate":
                {
                    if (args.Length != 2 || !File.Exists(args[1]))
                    {
                        Console.Error.WriteLine("Usage: rotate-key-certificate <new.pfx>   (its password, if any, in DataProtection__NewCertificatePassword)");
                        return 2;
                    }

                    using var current = Infrastructure.Security.KeyRing.Certificate(app.Configuration);
                    using var next = X509CertificateLoader.LoadPkcs12FromFile(args[1], app.Configuration["DataProtection:NewCertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
                    await using var scope = app.Services.CreateAsyncScope();
                    var count = await Infrastructure.Security.KeyRing.RotateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), current, next, CancellationToken.None);
                    Console.WriteLine($"Re-encrypted {count} key(s) with the new certificate ({next.Subject}, thumbprint {next.Thumbprint}).");
                    if (app.Configuration["DataProtection:CertificatePath"] is { Length: > 0 })
                    {
                        Console.WriteLine("Now point DataProtection:CertificatePath (and CertificatePassword) at the new file on every instance, start the site, and make a new backup.");
                    }
                    else
                    {
                        var retired = Infrastructure.Security.KeyRing.ReplaceGenerated(Infrastructure.Security.KeyRing.GeneratedPath(app.Configuration), next, app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
                        Console.WriteLine($"The new certificate is in place of the one the site made; the old one is at {retired}. Start the site, make a new backup, then destroy the old certificate.");
                    }

                    return 0;
                }

            case "seed":
                {
                    if (ParseSeed(args) is not { } people)
                    {
                        Console.Error.WriteLine($"Usage: seed --people <N>   (N a whole number of at least {ScaleSeed.MinimumPeople}: group members, newcomers and staff)");
                        return 2;
                    }

                    await app.InitializeDatabaseAsync(migrate: true, demoData: false);
                    await using (var scope = app.Services.CreateAsyncScope())
                    {
                        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                        Console.WriteLine($"Seeding {people:N0} people into the {db.Database.ProviderName} database...");
                    }

                    var made = await ScaleSeed.RunAsync(app.Services, people, Console.WriteLine, app.Lifetime.ApplicationStopping);
                    if (made is null)
                    {
                        Console.Error.WriteLine("The database already holds groups: seed only fills an empty database. Use a new data folder or database.");
                        return 1;
                    }

                    Console.WriteLine($"Made {made.People:N0} people ({made.Members:N0} group members, {made.NewcomerPeople:N0} newcomers in {made.Households:N0} households, {made.Staff:N0} staff) in {made.Cities} cities,");
                    Console.WriteLine($"{made.Groups:N0} groups ({string.Join(", ", made.GroupsByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}"))}),");
                    Console.WriteLine($"{made.Accounts:N0} portal accounts; {made.Rows:N0} rows in {made.Elapsed.TotalSeconds:N0} s.");
                    return 0;
                }

            default:
                return 2;
        }
    }

    /// <summary>The N of <c>seed --people N</c>, or null when the arguments are not that.</summary>
    public static int? ParseSeed(string[] args) =>
        args is [_, "--people", var n] && int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var people) && people >= ScaleSeed.MinimumPeople
            ? people
            : null;

    /// <summary>
    /// Creates the first national staff account (or finds an existing one) and returns a one-time
    /// link to set its password; the link starts with App:PublicBaseUrl, or the local address.
    /// </summary>
    public static async Task<(bool Created, string Link)> CreateAdminAsync(IServiceProvider services, string email, string name, IConfiguration configuration)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var (outcome, user) = await accounts.CreateAsync(email, name, StaffRoles.NationalStaff, [], "nl");
        var created = outcome == StaffAccounts.Outcome.Created;
        user ??= await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("The account could not be created.");
        var baseUrl = configuration["App:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : "http://localhost:5080";
        return (created, baseUrl + await accounts.SetPasswordPathAsync(user));
    }
}
