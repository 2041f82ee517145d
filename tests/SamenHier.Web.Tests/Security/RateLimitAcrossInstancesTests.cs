using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Security;

/// <summary>
/// The rate limit counts in the database, so it holds across every instance of the site: posts to a
/// second instance count against what the first already took. The table keeps no address, and the
/// counts of a window that ended are forgotten by the hourly housekeeping.
/// </summary>
public sealed class RateLimitAcrossInstancesTests
{
    private static (string, string)[] Contact(int n) =>
        [("Input.Name", "Eva Rood"), ("Input.Email", $"eva{n}@voorbeeld.nl"), ("Input.Subject", "Vraag"), ("Input.Message", "Mag ik iets vragen?")];

    private static async Task<HttpStatusCode> PostContactAsync(AppFactory app, int n)
    {
        var client = app.Client();
        return (await (await Page.GetAsync(client, "/contact")).SubmitAsync(client, Contact(n))).Status;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task TheLimit_HoldsAcrossTwoInstances_AndStartsAgainInTheNextWindow(Provider provider)
    {
        var settings = new Dictionary<string, string?> { ["RateLimits:PublicPostsPerWindow"] = "2", ["RateLimits:WindowMinutes"] = "10" };
        await using var first = new AppFactory(provider, settings);
        await using var second = new AppFactory(first, settings);

        Assert.Equal(HttpStatusCode.OK, await PostContactAsync(first, 1));
        Assert.Equal(HttpStatusCode.OK, await PostContactAsync(second, 2));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostContactAsync(first, 3));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostContactAsync(second, 4));
        Assert.Equal(2, await first.WithDbAsync(db => db.Enquiries.CountAsync()));

        // One row for the action and the address (a 256-bit keyed hash, neither in it), and the refused
        // posts wrote nothing: the count stops at the limit.
        var counter = Assert.Single(await first.WithDbAsync(db => db.RateLimitCounters.ToListAsync()));
        Assert.Equal(32, Convert.FromBase64String(counter.Key).Length);
        Assert.Equal(2, counter.Count);

        // The next window starts again at one, whichever instance counts first.
        first.Time!.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, await PostContactAsync(second, 5));
        Assert.Equal(HttpStatusCode.OK, await PostContactAsync(first, 6));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostContactAsync(second, 7));
        Assert.Equal(4, await first.WithDbAsync(db => db.Enquiries.CountAsync()));

        // The housekeeping forgets the counts of windows that have ended, and only those.
        await second.WithScopeAsync(s => s.GetRequiredService<SignUpService>().ExpireAsync(CancellationToken.None));
        Assert.Equal(1, await first.WithDbAsync(db => db.RateLimitCounters.CountAsync()));
        first.Time.Advance(TimeSpan.FromMinutes(10));
        await second.WithScopeAsync(s => s.GetRequiredService<SignUpService>().ExpireAsync(CancellationToken.None));
        Assert.Equal(0, await first.WithDbAsync(db => db.RateLimitCounters.CountAsync()));
    }
}
