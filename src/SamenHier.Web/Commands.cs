using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;

namespace SamenHier.Web;

/// <summary>
/// Operator commands: <c>dotnet run --project src/SamenHier.Web -- migrate</c>. Each runs against the
/// configured database and exits instead of serving.
/// </summary>
public static class Commands
{
    private static readonly string[] Known = ["migrate"];

    public static string? Parse(string[] args) =>
        args.Length > 0 && Known.Contains(args[0], StringComparer.Ordinal) ? args[0] : null;

    public static async Task<int> RunAsync(WebApplication app, string command)
    {
        switch (command)
        {
            case "migrate":
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                    await db.Database.MigrateAsync();
                    await app.InitializeDatabaseAsync();
                    Console.WriteLine($"Applied {pending.Count} migration(s) to the {db.Database.ProviderName} database.");
                    return 0;
                }

            default:
                return 2;
        }
    }
}
