using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.SignUp;

/// <summary>Bots, floods and double posts: dropped quietly or refused, never a 500.</summary>
public sealed class SignUpProtectionTests
{
    [Fact]
    public async Task SignUp_WithTheHoneypotFilledIn_IsDroppedQuietly()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client);

        var page = await check.SubmitAsync(client, ("website", "http://spam.example"));

        Assert.EndsWith("/aanmelden/verstuurd", page.Path);
        Assert.Equal(0, await app.WithDbAsync(db => db.Groups.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task SignUp_SentFasterThanAPersonCould_IsDroppedQuietly()
    {
        await using var app = new AppFactory(settings: new() { ["SignUp:MinimumSecondsToComplete"] = "10" });
        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client);
        app.Time!.Advance(TimeSpan.FromSeconds(9)); // The whole form in nine seconds.

        var page = await check.SubmitAsync(client);

        Assert.EndsWith("/aanmelden/verstuurd", page.Path);
        Assert.Equal(0, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task SignUp_AtAPersonsPace_IsKept()
    {
        await using var app = new AppFactory(settings: new() { ["SignUp:MinimumSecondsToComplete"] = "10" });
        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client);
        app.Time!.Advance(TimeSpan.FromMinutes(12));

        await check.SubmitAsync(client);

        Assert.Equal(1, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task SignUps_TooManyFromOneAddress_GetHttp429()
    {
        await using var app = new AppFactory(settings: new() { ["RateLimits:SignUpsPerWindow"] = "2" });
        await SignUpJourney.SubmitAsync(app.Client(), prefix: "a");
        await SignUpJourney.SubmitAsync(app.Client(), prefix: "b");

        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client, prefix: "c");
        var third = await check.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Contains("Te veel pogingen", third.Text);
        Assert.Equal(2, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefusedWithoutCreatingAnything()
    {
        await using var app = new AppFactory();
        var client = app.Client();

        var response = await client.PostAsync("/contact", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Iemand",
            ["Input.Email"] = "iemand@voorbeeld.nl",
            ["Input.Subject"] = "Vraag",
            ["Input.Message"] = "Hallo",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enquiries.CountAsync()));
    }
}
