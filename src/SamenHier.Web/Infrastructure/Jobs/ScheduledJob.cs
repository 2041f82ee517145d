using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;

namespace SamenHier.Web.Infrastructure.Jobs;

/// <summary>
/// Who runs a scheduled job, until when. One row per job; an instance that wants to run the job takes
/// the lease in one atomic upsert that only succeeds once the last holder's time is up, so of several
/// instances on one database exactly one runs each turn. A holder that dies simply lets it expire.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }

    /// <summary>Until when the holder has the job (milliseconds since 1970, UTC).</summary>
    public long HeldUntil { get; set; }

    /// <summary>The instance that took it last (host name and process id), for operators.</summary>
    public required string Holder { get; set; }

    /// <summary>An identity of this process, as it appears in <see cref="Holder"/>.</summary>
    public static readonly string ThisInstance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Takes the lease of <paramref name="name"/> for <paramref name="hold"/> when nobody holds it now. True when this instance got it.</summary>
    public static async Task<bool> TryTakeAsync(AppDbContext db, string name, DateTimeOffset now, TimeSpan hold, CancellationToken ct)
    {
        var at = now.ToUnixTimeMilliseconds();
        var until = (now + hold).ToUnixTimeMilliseconds();
        var holder = ThisInstance;
        var taken = await db.Database.SqlQuery<string>($"""
            INSERT INTO "JobLeases" ("Name", "HeldUntil", "Holder") VALUES ({name}, {until}, {holder})
            ON CONFLICT ("Name") DO UPDATE SET "HeldUntil" = excluded."HeldUntil", "Holder" = excluded."Holder"
            WHERE "JobLeases"."HeldUntil" <= {at}
            RETURNING "Name" AS "Value"
            """).ToListAsync(ct);
        return taken.Count == 1;
    }
}

/// <summary>
/// A background job that runs every <see cref="Period"/> (at start, then on the clock), on one instance
/// only: each turn first takes the job's <see cref="JobLease"/> for nine tenths of the period, so
/// the other instances, whose timers tick at other moments, find it held and skip their turn; when the
/// holder stops, another instance takes over within one period. A failed run is logged and tried again
/// at the next turn.
/// </summary>
public abstract class ScheduledJob(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The job's name in <c>JobLeases</c>.</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Period { get; }

    /// <summary>Whether this instance runs the job at all (a setting per job).</summary>
    protected abstract bool Enabled { get; }

    /// <summary>One turn of the job, in a scope of its own.</summary>
    protected abstract Task RunAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                if (!await JobLease.TryTakeAsync(db, Name, time.GetUtcNow(), Period * 0.9, stoppingToken))
                {
                    logger.LogDebug("Job {Job}: another instance has this turn.", Name);
                    continue;
                }

                await RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Job {Job} failed; trying again at its next turn.", Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
