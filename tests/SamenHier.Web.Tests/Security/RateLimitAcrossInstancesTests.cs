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

        // One row for the action and the address, holding neither in a readable form.
        var keys = await first.WithDbAsync(db => db.RateLimitCounters.Select(c => c.Key).ToListAsync());
        var key = Assert.Single(keys);
        Assert.DoesNotContain("contact", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unknown", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", key, StringComparison.Ordinal);

        // The next window: the housekeeping forgets the old count, and posting works again on both.
        first.Time!.Advance(TimeSpan.FromMinutes(10));
        await second.WithScopeAsync(s => s.GetRequiredService<SignUpService>().ExpireAsync(CancellationToken.None));
        Assert.Equal(0, await first.WithDbAsync(db => db.RateLimitCounters.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, await PostContactAsync(second, 5));
        Assert.Equal(HttpStatusCode.OK, await PostContactAsync(first, 6));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostContactAsync(second, 7));
        Assert.Equal(4, await first.WithDbAsync(db => db.Enquiries.CountAsync()));
    }
}
