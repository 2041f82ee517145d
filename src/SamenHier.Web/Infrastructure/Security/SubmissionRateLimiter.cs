using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;

namespace SamenHier.Web.Infrastructure.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Completed sign-ups allowed from one address per window.</summary>
    public int SignUpsPerWindow { get; set; } = 5;

    /// <summary>Contact messages, link resends and other public posts from one address per window.</summary>
    public int PublicPostsPerWindow { get; set; } = 20;

    public double WindowMinutes { get; set; } = 10;

    /// <summary>The length of a window in whole seconds (at least one).</summary>
    public long WindowSeconds => Math.Max(1, (long)(WindowMinutes * 60));
}

/// <summary>
/// How often one client address did one public action in one window. The key is an HMAC of the
/// action and the address under <see cref="RateLimitKey"/>, so the table holds no address; rows of
/// past windows are deleted every hour (<see cref="SubmissionRateLimiter.ForgetPastWindowsAsync"/>).
/// </summary>
public sealed class RateLimitCounter
{
    public required string Key { get; set; }

    /// <summary>The window's number: seconds since 1970 divided by the window's length.</summary>
    public long WindowNumber { get; set; }

    public int Count { get; set; }
}

/// <summary>The secret under which addresses are hashed: the same on every instance, never stored (<see cref="KeyRing.DeriveKey"/>).</summary>
public sealed record RateLimitKey(byte[] Value);

/// <summary>
/// Limits how often one client address may complete a public action. Used inside the handlers that
/// create something, so browsing the form and fixing errors never count against a person.
/// The count lives in the database, in one atomic upsert per action, so the limit holds across every
/// instance of the site (and survives a restart) in fixed windows of <see cref="RateLimitOptions.WindowMinutes"/>.
/// </summary>
public sealed class SubmissionRateLimiter(AppDbContext db, TimeProvider time, IOptions<RateLimitOptions> options, RateLimitKey secret)
{
    /// <summary>True when the action may go ahead; false means answer 429.</summary>
    public async Task<bool> TryAcquireAsync(string action, HttpContext http)
    {
        var settings = options.Value;
        var limit = Math.Max(1, action == "sign-up" ? settings.SignUpsPerWindow : settings.PublicPostsPerWindow);
        var window = time.GetUtcNow().ToUnixTimeSeconds() / settings.WindowSeconds;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var key = Convert.ToBase64String(HMACSHA256.HashData(secret.Value, Encoding.UTF8.GetBytes($"{action}\n{address}")));

        // One statement, atomic on both databases. A new key starts at one; a key from an older window
        // starts again at one in this one (never back into an older window: an instance whose clock is
        // a little behind counts in the newer window); otherwise the count goes up while it is under
        // the limit. Over the limit nothing is written and no row comes back: refused.
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateLimitCounters" ("Key", "WindowNumber", "Count") VALUES ({key}, {window}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN excluded."WindowNumber" > "RateLimitCounters"."WindowNumber" THEN 1 ELSE "RateLimitCounters"."Count" + 1 END,
                "WindowNumber" = CASE WHEN excluded."WindowNumber" > "RateLimitCounters"."WindowNumber" THEN excluded."WindowNumber" ELSE "RateLimitCounters"."WindowNumber" END
            WHERE excluded."WindowNumber" > "RateLimitCounters"."WindowNumber" OR "RateLimitCounters"."Count" < {limit}
            RETURNING "Count" AS "Value"
            """).ToListAsync(http.RequestAborted);
        return counts.Count == 1;
    }

    /// <summary>Deletes the counts of windows that have ended (the hourly sign-up housekeeping runs it).</summary>
    public static Task<int> ForgetPastWindowsAsync(AppDbContext db, RateLimitOptions settings, DateTimeOffset now, CancellationToken ct)
    {
        var window = now.ToUnixTimeSeconds() / settings.WindowSeconds;
        return db.RateLimitCounters.Where(c => c.WindowNumber < window).ExecuteDeleteAsync(ct);
    }
}
