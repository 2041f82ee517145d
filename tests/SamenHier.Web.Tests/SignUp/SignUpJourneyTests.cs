using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.SignUp;

/// <summary>The sign-up through HTTP on a real database, on SQLite and on PostgreSQL.</summary>
public sealed class SignUpJourneyTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignUp_WithFiveMembers_StoresOneGroupAndEmailsEachMemberInTheirLanguage(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var client = app.Client();

        await SignUpJourney.SubmitAsync(client, member: i => SignUpJourney.Member(i, email: $"lid{i}@voorbeeld.nl", language: i == 3 ? "en" : "nl"));

        var group = await app.WithDbAsync(db => db.Groups.Include(g => g.Members).ThenInclude(m => m.Languages).Include(g => g.City).SingleAsync());
        Assert.Equal(GroupStatus.AwaitingConfirmation, group.Status);
        Assert.Equal("den-haag", group.City!.Slug);
        Assert.Equal(GroupType.Welcome, group.Type);
        Assert.Equal(5, group.Members.Count);
        var first = group.Members.Single(m => m.IsContactPerson);
        Assert.Equal("lid1@voorbeeld.nl", first.Email);
        Assert.Equal("+31612345671", first.Phone);
        Assert.Equal("2511 AB", first.Postcode);
        Assert.Equal("2026-12-02", first.ConsentVersion);
        Assert.Equal(2, first.Languages.Count);
        Assert.All(group.Members.Where(m => !m.IsContactPerson), m => Assert.Null(m.ConsentAt));

        var mail = await app.WithDbAsync(db => db.OutboxMessages.ToListAsync());
        Assert.Equal(5, mail.Count);
        Assert.Equal(group.Members.Select(m => m.Email).Order(), mail.Select(m => m.ToAddress).Order());
        var english = mail.Single(m => m.ToAddress == "lid3@voorbeeld.nl");
        Assert.Equal("en", english.Language);
        Assert.StartsWith("Confirm that you take part", english.Subject);
        Assert.StartsWith("Bevestig je deelname", mail.Single(m => m.ToAddress == "lid2@voorbeeld.nl").Subject);
        // Only the person who signed up gets the status page link.
        Assert.Single(mail, m => m.TextBody.Contains("/aanmelden/status?code=", StringComparison.Ordinal));
        Assert.Contains("/aanmelden/status?code=", mail.Single(m => m.ToAddress == "lid1@voorbeeld.nl").TextBody);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignUp_WhenEveryMemberConfirms_TheGroupIsComplete(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var client = app.Client();
        await SignUpJourney.SubmitAsync(client);
        var status = await SignUpJourney.StatusLinkAsync(app, "lid1@voorbeeld.nl");

        for (var i = 1; i <= 5; i++)
        {
            var page = await Page.GetAsync(app.Client(), status);
            Assert.Contains($"{i - 1} van 5 bevestigd", page.Text);
            var confirmed = await SignUpJourney.ConfirmAsync(app.Client(), await SignUpJourney.ConfirmLinkAsync(app, $"lid{i}@voorbeeld.nl"));
            Assert.EndsWith("/aanmelden/bevestigd", confirmed.Path);
        }

        var final = await Page.GetAsync(app.Client(), status);
        Assert.Contains("Compleet", final.Document.QuerySelector("#group-status")!.TextContent);
        var group = await app.WithDbAsync(db => db.Groups.Include(g => g.Members).SingleAsync());
        Assert.Equal(GroupStatus.Complete, group.Status);
        Assert.NotNull(group.CompletedAt);
        Assert.All(group.Members, m =>
        {
            Assert.NotNull(m.ConfirmedAt);
            Assert.Equal("2026-12-02", m.ConsentVersion);
            Assert.Null(m.ConfirmTokenHash);
        });
        // Five invitations, then five "complete" messages.
        var subjects = await app.WithDbAsync(db => db.OutboxMessages.Select(m => m.Subject).ToListAsync());
        Assert.Equal(5, subjects.Count(s => s.StartsWith("Jullie groep is compleet", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignUp_PostedTwice_CreatesOneGroup(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client);

        // A double click: the same form, posted twice at once, then once more as a network retry.
        var posts = await Task.WhenAll(check.SubmitAsync(client), check.SubmitAsync(client));
        var retry = await check.SubmitAsync(client);

        Assert.All(posts.Append(retry), p => Assert.EndsWith("/aanmelden/verstuurd", p.Path));
        Assert.Equal(1, await app.WithDbAsync(db => db.Groups.CountAsync()));
        Assert.Equal(5, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignUp_WithAnAddressAlreadyInAnActiveGroup_IsRefusedAndNamesTheMember(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await SignUpJourney.SubmitAsync(app.Client(), prefix: "eerste");

        var client = app.Client();
        var members = await SignUpJourney.ToCheckPageAsync(client, members: 5, prefix: "tweede",
            member: i => SignUpJourney.Member(i, email: i == 4 ? "EERSTE2@voorbeeld.nl" : $"tweede{i}@voorbeeld.nl", name: $"Persoon {i}"));

        Assert.Equal(1, await app.WithDbAsync(db => db.Groups.CountAsync()));
        // ToCheckPage stops on the members page because of the error.
        Assert.EndsWith("/aanmelden/leden", members.Path);
        Assert.Contains(members.Errors, e => e.Contains("Persoon 4", StringComparison.Ordinal));
        Assert.Equal("#member-4", members.ErrorTargets.Single());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignUp_NotCompleteInTime_ExpiresAndItsPersonalDataIsDeleted(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await SignUpJourney.SubmitAsync(app.Client());
        await SignUpJourney.ConfirmAsync(app.Client(), await SignUpJourney.ConfirmLinkAsync(app, "lid2@voorbeeld.nl"));

        app.Time!.Advance(TimeSpan.FromDays(13));
        var expired = 0;
        await app.WithScopeAsync(async sp => expired = await sp.GetRequiredService<SignUpService>().ExpireAsync(CancellationToken.None));
        Assert.Equal(0, expired);

        app.Time.Advance(TimeSpan.FromDays(2));
        await app.WithScopeAsync(async sp => expired = await sp.GetRequiredService<SignUpService>().ExpireAsync(CancellationToken.None));

        Assert.Equal(1, expired);
        var group = await app.WithDbAsync(db => db.Groups.SingleAsync());
        Assert.Equal(GroupStatus.Expired, group.Status);
        Assert.Null(group.Name);
        Assert.Null(group.Motivation);
        Assert.Null(group.StatusTokenHash);
        Assert.Equal(0, await app.WithDbAsync(db => db.GroupMembers.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.MemberLanguages.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));

        // The addresses are free again for a new group.
        await SignUpJourney.SubmitAsync(app.Client());
        Assert.Equal(2, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task ConfirmLink_WorksOnce()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client());
        var link = await SignUpJourney.ConfirmLinkAsync(app, "lid2@voorbeeld.nl");

        var first = await SignUpJourney.ConfirmAsync(app.Client(), link);
        var again = await Page.GetAsync(app.Client(), link);

        Assert.EndsWith("/aanmelden/bevestigd", first.Path);
        Assert.Contains("Deze link werkt niet (meer)", again.Text);
        Assert.Null(again.Document.QuerySelector("form[method=post]"));
    }

    [Fact]
    public async Task ConfirmLink_AfterItExpires_SaysSoAndStatusPageSendsANewOne()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client());
        var old = await SignUpJourney.ConfirmLinkAsync(app, "lid3@voorbeeld.nl");
        app.Time!.Advance(TimeSpan.FromDays(8));

        var expired = await Page.GetAsync(app.Client(), old);
        Assert.Contains("Deze link is verlopen", expired.Text);

        var client = app.Client();
        var status = await Page.GetAsync(client, await SignUpJourney.StatusLinkAsync(app, "lid1@voorbeeld.nl"));
        var memberId = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.Email == "lid3@voorbeeld.nl").Select(m => m.Id).SingleAsync());
        var form = status.Document.QuerySelectorAll("form").First(f => f.QuerySelector($"input[value='{memberId}']") is not null);
        Assert.NotNull(form);
        var resent = await status.SubmitAsync(client, [new("member", memberId.ToString())], actionContains: "handler=Resend");
        Assert.Contains("Er is een nieuwe link verstuurd", resent.Text);

        var fresh = await SignUpJourney.ConfirmLinkAsync(app, "lid3@voorbeeld.nl");
        Assert.NotEqual(old, fresh);
        Assert.EndsWith("/aanmelden/bevestigd", (await SignUpJourney.ConfirmAsync(app.Client(), fresh)).Path);
    }

    [Fact]
    public async Task StatusPage_ReplacesAMemberWhoHasNotConfirmed()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client());
        var client = app.Client();
        var statusLink = await SignUpJourney.StatusLinkAsync(app, "lid1@voorbeeld.nl");
        var status = await Page.GetAsync(client, statusLink);
        var replaceHref = status.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("vervangen", StringComparison.Ordinal));

        var oldLink = await SignUpJourney.ConfirmLinkAsync(app, "lid2@voorbeeld.nl");
        var form = await Page.GetAsync(client, replaceHref);
        var done = await form.SubmitAsync(client, SignUpJourney.Member(9, email: "nieuw@voorbeeld.nl", name: "Nieuw Lid"));

        Assert.Contains("Het groepslid is vervangen", done.Text);
        var names = await app.WithDbAsync(db => db.GroupMembers.OrderBy(m => m.Position).Select(m => m.Name).ToListAsync());
        Assert.Equal(["Lid 1", "Nieuw Lid", "Lid 3", "Lid 4", "Lid 5"], names);
        Assert.Single(await SignUpJourney.MailToAsync(app, "nieuw@voorbeeld.nl"));
        // The replaced member's link no longer works.
        Assert.Contains("Deze link werkt niet (meer)", (await Page.GetAsync(app.Client(), oldLink)).Text);
    }

    [Fact]
    public async Task SignUp_WithFourMembers_ShowsThatOneIsMissing()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var members = await SignUpJourney.ToCheckPageAsync(client, members: 4);

        var page = await members.SubmitAsync(client);

        Assert.EndsWith("/aanmelden/leden", page.Path);
        Assert.Equal(["Een groep heeft minstens 5 leden. Je hebt er nu 4 toegevoegd."], page.Errors);
        Assert.Equal("#add-member", page.ErrorTargets.Single());
        Assert.NotNull(page.Document.QuerySelector("#add-member"));
        Assert.StartsWith("Fout:", page.Document.Title);
    }

    [Fact]
    public async Task GroupType_ThatIsNotOpenInTheCity_IsRefused()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var page = await Page.GetAsync(client, "/aanmelden/stad");
        page = await page.SubmitAsync(client, ("City", "rotterdam"));
        Assert.Equal(["Sponsor"], page.Document.QuerySelectorAll("input[name=GroupType]").Select(i => i.GetAttribute("value")));

        page = await page.SubmitAsync(client, ("GroupType", "Welcome"));

        Assert.Equal(["Kies het soort groep."], page.Errors);
    }

    [Fact]
    public async Task ConfirmPage_SaysWhoSignedTheMemberUp_AndLetsThemCorrectTheirDetails()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client(), member: i => SignUpJourney.Member(i, email: $"lid{i}@voorbeeld.nl", name: i == 1 ? "Anouk Bakker" : $"Lid {i}"));
        var client = app.Client();
        var page = await Page.GetAsync(client, await SignUpJourney.ConfirmLinkAsync(app, "lid3@voorbeeld.nl"));

        Assert.Contains("Anouk Bakker heeft je aangemeld", page.Text);
        Assert.Equal("Lid 3", page.Value("Input.Name"));
        await page.SubmitAsync(client, ("Consent", "yes"), ("Input.Phone", "+32 470 12 34 56"), ("Input.Name", "Lid Drie"));

        var member = await app.WithDbAsync(db => db.GroupMembers.SingleAsync(m => m.Email == "lid3@voorbeeld.nl"));
        Assert.Equal("Lid Drie", member.Name);
        Assert.Equal("+32470123456", member.Phone);
    }

    [Fact]
    public async Task ConfirmPage_WithoutConsent_ShowsTheErrorAndKeepsTheCorrections()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client());
        var client = app.Client();
        var page = await Page.GetAsync(client, await SignUpJourney.ConfirmLinkAsync(app, "lid2@voorbeeld.nl"));

        var result = await page.SubmitAsync(client, ("Input.Name", "Nieuwe Naam"), ("Input.Postcode", "99"));

        Assert.Equal(["Vul een postcode in zoals 2511 AB.", "Geef toestemming om te bevestigen dat je meedoet."], result.Errors);
        Assert.Equal("Nieuwe Naam", result.Value("Input.Name"));
        Assert.Equal("99", result.Value("Input.Postcode"));
        Assert.Null(await app.WithDbAsync(db => db.GroupMembers.Where(m => m.Email == "lid2@voorbeeld.nl").Select(m => m.ConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task Resend_ToThePersonWhoSignedUp_GivesOnlyTheNewLink()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client());
        var client = app.Client();
        var status = await Page.GetAsync(client, await SignUpJourney.StatusLinkAsync(app, "lid1@voorbeeld.nl"));
        var contact = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.IsContactPerson).Select(m => m.Id).SingleAsync());

        await status.SubmitAsync(client, [new("member", contact.ToString())], actionContains: "handler=Resend");

        var mail = await SignUpJourney.MailToAsync(app, "lid1@voorbeeld.nl");
        Assert.Equal(2, mail.Count);
        Assert.Contains("Hier is een nieuwe persoonlijke link", mail[1].TextBody);
        Assert.DoesNotContain("/aanmelden/status", mail[1].TextBody);
        // The status link from the first e-mail still works.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Page.GetAsync(app.Client(), await SignUpJourney.StatusLinkAsync(app, "lid1@voorbeeld.nl"))).Status);
    }

    [Fact]
    public async Task Replace_RemovesTheUnsentInvitationOfTheReplacedMember()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client());
        var client = app.Client();
        var status = await Page.GetAsync(client, await SignUpJourney.StatusLinkAsync(app, "lid1@voorbeeld.nl"));
        var replaceHref = status.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).First(h => h.Contains("vervangen", StringComparison.Ordinal));

        var form = await Page.GetAsync(client, replaceHref);
        await form.SubmitAsync(client, SignUpJourney.Member(9, email: "nieuw@voorbeeld.nl", name: "Nieuw Lid"));

        Assert.Empty(await SignUpJourney.MailToAsync(app, "lid2@voorbeeld.nl"));
        Assert.Equal(0, await app.WithDbAsync(db => db.GroupMembers.CountAsync(m => m.Email == "lid2@voorbeeld.nl")));
    }

    [Fact]
    public async Task StatusPage_ClosesThirtyDaysAfterTheGroupIsComplete()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client());
        var status = await SignUpJourney.StatusLinkAsync(app, "lid1@voorbeeld.nl");
        for (var i = 1; i <= 5; i++)
        {
            await SignUpJourney.ConfirmAsync(app.Client(), await SignUpJourney.ConfirmLinkAsync(app, $"lid{i}@voorbeeld.nl"));
        }

        app.Time!.Advance(TimeSpan.FromDays(29));
        Assert.Contains("Compleet", (await Page.GetAsync(app.Client(), status)).Text);
        app.Time.Advance(TimeSpan.FromDays(2));
        var closed = await Page.GetAsync(app.Client(), status);
        Assert.Contains("niet (meer) beschikbaar", closed.Text);
        Assert.DoesNotContain("lid2@voorbeeld.nl", closed.Html);
    }

    [Fact]
    public async Task Steps_CannotBeSkipped()
    {
        await using var app = new AppFactory();
        var page = await Page.GetAsync(app.Client(), "/aanmelden/controleren");
        Assert.EndsWith("/aanmelden/stad", page.Path);
    }
}
