using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.SignUp;

/// <summary>People act at the same moment: nothing is lost, nothing doubles, nothing breaks.</summary>
public sealed class SignUpConcurrencyTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheLastTwoMembers_ConfirmingAtOnce_CompleteTheGroup(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await SignUpJourney.SubmitAsync(app.Client());
        for (var i = 1; i <= 3; i++)
        {
            await SignUpJourney.ConfirmAsync(app.Client(), await SignUpJourney.ConfirmLinkAsync(app, $"lid{i}@voorbeeld.nl"));
        }

        // Both open their link, then both press the button at the same moment.
        var clients = new[] { app.Client(), app.Client() };
        var pages = await Task.WhenAll(
            Page.GetAsync(clients[0], await SignUpJourney.ConfirmLinkAsync(app, "lid4@voorbeeld.nl")),
            Page.GetAsync(clients[1], await SignUpJourney.ConfirmLinkAsync(app, "lid5@voorbeeld.nl")));
        var results = await Task.WhenAll(pages[0].SubmitAsync(clients[0], ("Consent", "yes")), pages[1].SubmitAsync(clients[1], ("Consent", "yes")));

        Assert.All(results, r => Assert.EndsWith("/aanmelden/bevestigd", r.Path));
        var group = await app.WithDbAsync(db => db.Groups.SingleAsync());
        Assert.Equal(GroupStatus.Complete, group.Status);
        var complete = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Subject.StartsWith("Jullie groep is compleet")));
        Assert.Equal(5, complete);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OneLink_PostedTwiceAtOnce_ConfirmsOnceWithoutAnError(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await SignUpJourney.SubmitAsync(app.Client());
        var client = app.Client();
        var page = await Page.GetAsync(client, await SignUpJourney.ConfirmLinkAsync(app, "lid2@voorbeeld.nl"));

        var results = await Task.WhenAll(page.SubmitAsync(client, ("Consent", "yes")), page.SubmitAsync(client, ("Consent", "yes")));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Contains(results, r => r.Path.EndsWith("/aanmelden/bevestigd", StringComparison.Ordinal));
        var member = await app.WithDbAsync(db => db.GroupMembers.Include(m => m.Languages).SingleAsync(m => m.Email == "lid2@voorbeeld.nl"));
        Assert.NotNull(member.ConfirmedAt);
        Assert.Equal(2, member.Languages.Count);
    }
}
