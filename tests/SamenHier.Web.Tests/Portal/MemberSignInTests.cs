using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Portal;

/// <summary>Group members sign in with an e-mailed link: single use, short-lived, and silent about who is known.</summary>
public sealed class MemberSignInTests
{
    [Fact]
    public async Task Link_SignsInOnce_AndOpeningItAloneSignsNobodyIn()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "link", groupName: "De Linkjes");
        var client = app.Client();

        var sent = await MemberJourney.RequestLinkAsync(client, "link2@voorbeeld.nl");
        Assert.Equal("/inloggen?verstuurd=true", sent.Path);
        var link = await MemberJourney.LinkAsync(app, "link2@voorbeeld.nl");
        Assert.NotNull(link);

        // A mail scanner opening the link: nobody is signed in, and the link still works afterwards.
        var scanner = app.Client();
        await Page.GetAsync(scanner, link);
        var notYet = await Page.GetAsync(scanner, "/mijn-groep");
        Assert.Equal("/inloggen", notYet.Path);

        var portal = await MemberJourney.FollowAsync(client, link);
        Assert.Equal("/mijn-groep", portal.Path);
        Assert.Contains("De Linkjes", portal.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Kennismaking", portal.Document.QuerySelector("#stage")!.TextContent);

        var again = await MemberJourney.FollowAsync(app.Client(), link);
        Assert.Contains("Deze link werkt niet meer", again.Text, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.SignInLinks.CountAsync(l => l.UsedAt != null)));
    }

    [Fact]
    public async Task Link_ExpiresAfterTwentyMinutes()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "laat");
        var client = app.Client();
        await MemberJourney.RequestLinkAsync(client, "laat1@voorbeeld.nl");
        var link = (await MemberJourney.LinkAsync(app, "laat1@voorbeeld.nl"))!;
        var page = await Page.GetAsync(client, link);

        app.Time!.Advance(TimeSpan.FromMinutes(21));
        var late = await page.SubmitAsync(client);

        Assert.Contains("Deze link werkt niet meer", late.Text, StringComparison.Ordinal);
        Assert.Equal("/inloggen", (await Page.GetAsync(client, "/mijn-groep")).Path);
    }

    [Fact]
    public async Task Request_AnswersTheSame_ForKnownUnknownAndUnconfirmedAddresses()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "bekend");
        var pending = app.Client();
        await (await SignUpJourney.ToCheckPageAsync(pending, prefix: "wacht")).SubmitAsync(pending);

        var known = await MemberJourney.RequestLinkAsync(app.Client(), "bekend3@voorbeeld.nl");
        var unknown = await MemberJourney.RequestLinkAsync(app.Client(), "niemand@voorbeeld.nl");
        var unconfirmed = await MemberJourney.RequestLinkAsync(app.Client(), "wacht2@voorbeeld.nl");

        Assert.Equal(known.Path, unknown.Path);
        Assert.Equal(known.Path, unconfirmed.Path);
        Assert.Equal(known.Document.QuerySelector("main")!.TextContent, unknown.Document.QuerySelector("main")!.TextContent);
        Assert.NotNull(await MemberJourney.LinkAsync(app, "bekend3@voorbeeld.nl"));
        Assert.Null(await MemberJourney.LinkAsync(app, "niemand@voorbeeld.nl"));
        Assert.Null(await MemberJourney.LinkAsync(app, "wacht2@voorbeeld.nl"));
    }

    [Fact]
    public async Task Request_BadAddress_KeepsWhatWasTyped()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var page = await MemberJourney.RequestLinkAsync(client, "geen-adres");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["#Email"], page.ErrorTargets);
        Assert.Equal("geen-adres", page.Value("Email"));
    }

    [Fact]
    public async Task Request_OneLinkPerMinute_AndBurstsGet429()
    {
        await using var app = new AppFactory(settings: new() { ["RateLimits:PublicPostsPerWindow"] = "3" });
        await StaffJourney.CompleteGroupAsync(app, "vaak");
        var client = app.Client();
        for (var i = 0; i < 3; i++)
        {
            await MemberJourney.RequestLinkAsync(client, "vaak1@voorbeeld.nl");
        }

        Assert.Single(await SignUpJourney.MailToAsync(app, "vaak1@voorbeeld.nl"), m => m.TextBody.Contains("/inloggen/link", StringComparison.Ordinal));
        var form = await Page.GetAsync(client, "/inloggen");
        var burst = await form.SubmitAsync(client, ("Email", "vaak1@voorbeeld.nl"));
        Assert.Equal(HttpStatusCode.TooManyRequests, burst.Status);
    }

    [Fact]
    public async Task WithdrawnGroup_ItsLinksAndSessionsNoLongerShowIt()
    {
        await using var app = new AppFactory();
        var group = await StaffJourney.CompleteGroupAsync(app, "weg", groupName: "Vertrokken");
        var member = await MemberJourney.SignInAsync(app, "weg4@voorbeeld.nl");
        var outsider = app.Client();
        await MemberJourney.RequestLinkAsync(outsider, "weg5@voorbeeld.nl");
        var link = (await MemberJourney.LinkAsync(app, "weg5@voorbeeld.nl"))!;
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var detail = await Page.GetAsync(admin, $"/beheer/groepen/{group}");
        var done = await detail.SubmitAsync(admin, [new("ReasonCategory", "MembersMoved"), new("Reason", "Verhuisd")], "handler=Withdraw");
        Assert.Empty(done.Errors);

        var portal = await Page.GetAsync(member, "/mijn-groep");
        Assert.DoesNotContain("Vertrokken", portal.Text, StringComparison.Ordinal);
        Assert.Contains("geen lid van een actieve groep", portal.Text, StringComparison.Ordinal);
        var late = await MemberJourney.FollowAsync(outsider, link);
        Assert.Contains("Deze link werkt niet meer", late.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkSignIn_NeverOpensTheBackOffice_EvenForAStaffAddress()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "dubbel1@voorbeeld.nl", "Coordinator", "den-haag");
        await StaffJourney.CompleteGroupAsync(app, "dubbel");

        var member = await MemberJourney.SignInAsync(app, "dubbel1@voorbeeld.nl");

        var backOffice = await member.GetAsync("/beheer/groepen");
        Assert.True(backOffice.StatusCode == HttpStatusCode.Forbidden
            || backOffice.RequestMessage!.RequestUri!.AbsolutePath is "/beheer/geen-toegang" or "/beheer/inloggen",
            $"{(int)backOffice.StatusCode} {backOffice.RequestMessage!.RequestUri}");
        Assert.Equal("/mijn-groep", (await Page.GetAsync(member, "/mijn-groep")).Path);
        Assert.Equal("/beheer/groepen", (await Page.GetAsync(coordinator, "/beheer/groepen")).Path);
    }

    [Fact]
    public async Task AnExpiredSignUp_TakesItsMembersAccountsWithIt_AndAMemberCanJoinTheStaff()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        await (await SignUpJourney.ToCheckPageAsync(client, prefix: "kort")).SubmitAsync(client);
        await SignUpJourney.ConfirmAsync(app.Client(), await SignUpJourney.ConfirmLinkAsync(app, "kort1@voorbeeld.nl"));
        await MemberJourney.SignInAsync(app, "kort1@voorbeeld.nl");
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "kort1@voorbeeld.nl")));

        app.Time!.Advance(TimeSpan.FromDays(15));
        await app.WithScopeAsync(sp => sp.GetRequiredService<SamenHier.Web.Features.SignUp.SignUpService>().ExpireAsync(CancellationToken.None));

        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "kort1@voorbeeld.nl")));
        Assert.Equal(0, await app.WithDbAsync(db => db.SignInLinks.CountAsync()));
        Assert.Empty(await SignUpJourney.MailToAsync(app, "kort1@voorbeeld.nl"));

        // A member of an active group who is then invited to the staff keeps one account.
        await StaffJourney.CompleteGroupAsync(app, "blijf");
        await MemberJourney.SignInAsync(app, "blijf2@voorbeeld.nl");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var builder = await StaffJourney.InviteAsync(app, admin, "blijf2@voorbeeld.nl", "CommunityBuilder", "den-haag");
        Assert.Equal("/beheer/mijn-groepen", (await Page.GetAsync(builder, "/beheer/mijn-groepen")).Path);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "blijf2@voorbeeld.nl")));
    }
}
