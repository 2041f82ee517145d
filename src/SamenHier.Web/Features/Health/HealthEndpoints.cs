using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Health;

public sealed record HealthReport(string Status, DatabaseHealth Database);

public sealed record DatabaseHealth(string Status, string Provider, int PendingMigrations);

public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealthAsync).AllowAnonymous();
        // Liveness for a load balancer or orchestrator (the process answers), and the benchmarks' ceiling:
        // no database, no page, nothing but the framework.
        app.MapGet("/health/live", () => TypedResults.Text("ok")).AllowAnonymous();
    }

    /// <summary>200 when the database answers and its schema is current; 503 otherwise. No personal data.</summary>
    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealthAsync(AppDbContext db, CancellationToken ct)
    {
        var provider = db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";
        try
        {
            var canConnect = await db.Database.CanConnectAsync(ct);
            if (canConnect)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
                _ = await db.Cities.CountAsync(ct);
                if (pending == 0)
                {
                    return TypedResults.Ok(new HealthReport("Healthy", new DatabaseHealth("Healthy", provider, 0)));
                }

                return Unhealthy(new DatabaseHealth("Degraded", provider, pending));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // Reported below as unhealthy.
        }

        return Unhealthy(new DatabaseHealth("Unhealthy", provider, -1));
    }

    private static JsonHttpResult<HealthReport> Unhealthy(DatabaseHealth database) =>
        TypedResults.Json(new HealthReport("Unhealthy", database), statusCode: StatusCodes.Status503ServiceUnavailable);
}
