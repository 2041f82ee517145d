using System.Threading.RateLimiting;

namespace SamenHier.Web.Infrastructure.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Completed sign-ups allowed from one address per window.</summary>
    public int SignUpsPerWindow { get; set; } = 5;

    /// <summary>Contact messages, link resends and other public posts from one address per window.</summary>
    public int PublicPostsPerWindow { get; set; } = 20;

    public double WindowMinutes { get; set; } = 10;
}

/// <summary>
/// Limits how often one client address may complete a public action. Used inside the handlers that
/// create something, so browsing the form and fixing errors never count against a person.
/// </summary>
public sealed class SubmissionRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SubmissionRateLimiter(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        {
            var limit = key.StartsWith("sign-up:", StringComparison.Ordinal) ? settings.SignUpsPerWindow : settings.PublicPostsPerWindow;
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, limit),
                Window = TimeSpan.FromMinutes(settings.WindowMinutes),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    /// <summary>True when the action may go ahead; false means answer 429.</summary>
    public bool TryAcquire(string action, HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = _limiter.AttemptAcquire($"{action}:{address}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
