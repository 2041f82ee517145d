using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Portal;

/// <summary>A newcomer household is invited by the coordinator and sees what is recorded about it, without the restricted fields.</summary>
public sealed class NewcomerSignInTests
{
    [Fact]
    public async Task Invitation_LeadsToTheHouseholdsOwnDetails_WithoutRestrictedFields()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var id = await NewcomerJourney.AddAsync(admin, app, "Familie Haddad", "den-haag", email: "Haddad@Voorbeeld.nl");
        var edit = await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{id}");

        var invited = await edit.SubmitAsync(admin, [], "handler=Invite");

        Assert.Contains("De inloglink is verstuurd.", invited.Text, StringComparison.Ordinal);
        var mail = Assert.Single(await SignUpJourney.MailToAsync(app, "haddad@voorbeeld.nl"));
        // The household's own language (Arabic), which the portal speaks.
        Assert.Equal("ar", mail.Language);
        Assert.Equal("رابط الدخول إلى Samen Hier", mail.Subject);
        var link = (await MemberJourney.LinkAsync(app, "haddad@voorbeeld.nl"))!;
        var client = app.Client();
        var home = await MemberJourney.FollowAsync(client, link);

        // The portal opens in Arabic, right to left.
        Assert.Equal("/nieuwkomer", home.Path);
        Assert.Equal("ar", home.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", home.Document.DocumentElement.GetAttribute("dir"));
        Assert.Contains("صفحتي", home.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        // Written as characters, not as numeric entities.
        Assert.Contains("صفحتي", home.Html, StringComparison.Ordinal);
        await client.GetAsync("/taal/nl");
        var details = await Page.GetAsync(client, "/mijn-gegevens");
        Assert.Contains("Familie Haddad", details.Document.QuerySelector("#details")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Amal (1988) – Verpleegkundige worden", "Yusuf (2015)"],
            details.Document.QuerySelectorAll("#people li").Select(li => li.TextContent.Trim()));
        Assert.DoesNotContain("Rolstoeltoegankelijke", details.Html, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync("/mijn-groep")).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Subject == "newcomer").Select(a => a.Kind).ToListAsync());
        Assert.Contains("Invited", audit);
    }

    [Fact]
    public async Task Household_CanAskForANewLinkItself_AndWithoutAnAddressThereIsNoInvitation()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await NewcomerJourney.AddAsync(admin, app, "Familie Tesfay", "den-haag", email: "tesfay@voorbeeld.nl");
        var withoutAddress = await NewcomerJourney.AddAsync(admin, app, "Familie Zonder", "den-haag");

        var client = await MemberJourney.SignInAsync(app, "tesfay@voorbeeld.nl", "/nieuwkomer");
        var refused = await (await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{withoutAddress}")).SubmitAsync(admin, [], "handler=Invite");

        Assert.Contains("Familie Tesfay", (await Page.GetAsync(client, "/mijn-gegevens")).Text, StringComparison.Ordinal);
        Assert.Equal(["Vul eerst het e-mailadres van het huishouden in en sla het op."], refused.Errors);
        Assert.Equal("Familie Zonder", refused.Value("Input.Label"));
    }

    [Fact]
    public async Task ChangingTheAddress_CutsOffTheOldOne_AndAnyAddressCanSignIn()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var id = await NewcomerJourney.AddAsync(admin, app, "Familie D'Souza", "den-haag", email: "d'souza@voorbeeld.nl");
        var old = await MemberJourney.SignInAsync(app, "d'souza@voorbeeld.nl", "/nieuwkomer");
        await old.GetAsync("/taal/nl");
        var unused = app.Client();
        app.Time!.Advance(TimeSpan.FromMinutes(2));
        await MemberJourney.RequestLinkAsync(unused, "d'souza@voorbeeld.nl");
        var pendingLink = (await MemberJourney.LinkAsync(app, "d'souza@voorbeeld.nl"))!;

        var edit = await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{id}");
        Assert.Empty((await edit.SubmitAsync(admin, ("Input.ContactEmail", "souza.nieuw@voorbeeld.nl"))).Errors);

        // The old address's session has ended: its account is gone.
        Assert.StartsWith("/inloggen", (await Page.GetAsync(old, "/mijn-gegevens")).Path, StringComparison.Ordinal);
        Assert.Contains("Deze link werkt niet meer", (await MemberJourney.FollowAsync(unused, pendingLink)).Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "d'souza@voorbeeld.nl")));
        var fresh = await MemberJourney.SignInAsync(app, "souza.nieuw@voorbeeld.nl", "/nieuwkomer");
        Assert.Contains("Familie D'Souza", (await Page.GetAsync(fresh, "/mijn-gegevens")).Text, StringComparison.Ordinal);
    }
}
