using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure.Jobs;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.ScaleOut;

/// <summary>
/// Of several instances on one database, one runs each turn of a scheduled job: the turn's lease is
/// taken in one atomic statement that only one of them can win, and is free again once its time is up.
/// </summary>
public sealed class JobLeaseTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static async Task<bool> TakeAsync(AppFactory app, DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await JobLease.TryTakeAsync(db, "test-job", now, TimeSpan.FromMinutes(54), CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OfManyAttemptsAtOnce_FromTwoInstances_OneTakesTheTurn_AndTheNextTurnIsFreeWhenTheLeaseEnds(Provider provider)
    {
        await using var first = new AppFactory(provider);
        await using var second = new AppFactory(first);
        var now = first.Time!.GetUtcNow();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => TakeAsync(i % 2 == 0 ? first : second, now))));
        Assert.Equal(1, attempts.Count(taken => taken));

        // Still held a minute before the end; free at the end, once.
        Assert.False(await TakeAsync(second, now.AddMinutes(53)));
        var next = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => TakeAsync(i % 2 == 0 ? first : second, now.AddMinutes(54)))));
        Assert.Equal(1, next.Count(taken => taken));
        var lease = await first.WithDbAsync(db => db.JobLeases.SingleAsync(l => l.Name == "test-job"));
        Assert.Equal(now.AddMinutes(108).ToUnixTimeMilliseconds(), lease.HeldUntil);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheHourlyExpiryJob_StartedOnTwoInstances_RunsOnOne(Provider provider)
    {
        await using var first = new AppFactory(provider);
        await SignUpJourney.SubmitAsync(first.Client());
        first.Time!.Advance(TimeSpan.FromDays(15));

        // Both instances run the job as they start; the sign-up is due to expire.
        var job = new Dictionary<string, string?> { ["SignUp:ExpiryJobEnabled"] = "true" };
        await using var second = new AppFactory(first, job);
        await using var third = new AppFactory(first, job);
        _ = second.Services;
        _ = third.Services;

        string[] Outcomes() => second.Logs.Lines.Concat(third.Logs.Lines)
            .Where(l => l.Contains("Expired 1 incomplete sign-ups", StringComparison.Ordinal) || l.Contains("Job sign-up-expiry: another instance has this turn", StringComparison.Ordinal))
            .ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Outcomes().Length < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var outcomes = Outcomes();
        Assert.Equal(2, outcomes.Length);
        Assert.Single(outcomes, l => l.Contains("Expired 1", StringComparison.Ordinal));
        Assert.Single(outcomes, l => l.Contains("another instance", StringComparison.Ordinal));
        Assert.Equal(GroupStatus.Expired, await first.WithDbAsync(db => db.Groups.Select(g => g.Status).SingleAsync()));
    }
}
