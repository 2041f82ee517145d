using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Privacy;

/// <summary>The right of access: each person downloads what is recorded about them, and staff do so for a request by post.</summary>
public sealed class PersonalDataTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task AMember_DownloadsTheirOwnData_AndNothingAboutTheOtherMembers(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await StaffJourney.CompleteGroupAsync(app, "pd", groupName: "Groep Data");
        var member = await MemberJourney.SignInAsync(app, "pd2@voorbeeld.nl");

        var page = await Page.GetAsync(member, "/mijn-groep");
        Assert.Equal("/mijn-data", page.Document.QuerySelector("#my-data")!.GetAttribute("href"));
        var explained = await Page.GetAsync(member, "/mijn-data");
        var response = await member.GetAsync(new Uri(explained.Document.QuerySelector("#download")!.GetAttribute("href")!, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("samenhier-mijn-gegevens-", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(text);
        var membership = Assert.Single(json.RootElement.GetProperty("memberships").EnumerateArray());
        Assert.Equal("Groep Data", membership.GetProperty("group").GetProperty("name").GetString());
        Assert.Equal("pd2@voorbeeld.nl", membership.GetProperty("member").GetProperty("email").GetString());
        Assert.Equal("pd lid 2", membership.GetProperty("member").GetProperty("name").GetString());
        // The consent: when, which version, and the very words agreed to.
        Assert.Equal("2026-12-02", membership.GetProperty("member").GetProperty("consentVersion").GetString());
        Assert.StartsWith("Ik heb de privacyverklaring (versie 2026-12-02) gelezen en geef toestemming om mijn gegevens hiervoor te gebruiken.\n\nPrivacyverklaring", membership.GetProperty("member").GetProperty("consentText").GetString(), StringComparison.Ordinal);
        Assert.Equal("pd2@voorbeeld.nl", json.RootElement.GetProperty("account").GetProperty("email").GetString());
        // The confirmation and sign-in e-mails sent to them, by subject.
        Assert.NotEmpty(json.RootElement.GetProperty("account").GetProperty("emails").EnumerateArray());
        foreach (var other in new[] { 1, 3, 4, 5 })
        {
            Assert.DoesNotContain($"pd{other}@voorbeeld.nl", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"pd lid {other}", text, StringComparison.Ordinal);
        }

        var logged = Assert.Single(await app.WithDbAsync(db => db.AccessLog.AsNoTracking().ToListAsync()));
        Assert.Equal(("Downloaded", "account", "pd lid 2"), (logged.Action, logged.Subject, logged.ByName));

        // Without signing in there is nothing to download.
        var anonymous = await app.Client().GetAsync(new Uri("/mijn-data?handler=Download", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.NotEqual("application/json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("pd2@voorbeeld.nl", await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewcomer_DownloadsTheirHousehold_WithoutTheRestrictedFields_WhichStaffGiveForARequest()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var id = await NewcomerJourney.AddAsync(admin, app, "Familie Haddad", "den-haag", email: "haddad@voorbeeld.nl");
        var edit = await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{id}");
        await edit.SubmitAsync(admin, [], "handler=Invite");
        var newcomer = app.Client();
        await MemberJourney.FollowAsync(newcomer, (await MemberJourney.LinkAsync(app, "haddad@voorbeeld.nl"))!);

        var own = await newcomer.GetStringAsync(new Uri("/mijn-data?handler=Download", UriKind.Relative), TestContext.Current.CancellationToken);

        using (var json = JsonDocument.Parse(own))
        {
            var household = Assert.Single(json.RootElement.GetProperty("households").EnumerateArray());
            Assert.Equal("Familie Haddad", household.GetProperty("label").GetString());
            Assert.Equal(["Amal", "Yusuf"], household.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("firstName").GetString()));
            Assert.False(household.TryGetProperty("restricted", out _));
        }

        Assert.DoesNotContain("Rolstoeltoegankelijke", own, StringComparison.Ordinal);
        Assert.DoesNotContain("wheelchair", own, StringComparison.Ordinal);

        // For the household's own request, staff download everything, restricted fields included (logged).
        var forRequest = await (await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{id}")).SubmitAsync(admin, [], "handler=Download");
        using (var json = JsonDocument.Parse(forRequest.Html))
        {
            var restricted = Assert.Single(json.RootElement.GetProperty("households").EnumerateArray()).GetProperty("restricted");
            Assert.Equal("Rolstoeltoegankelijke woning nodig", restricted.GetProperty("healthAndAccessibility").GetString());
            Assert.Equal("wheelchair", restricted.GetProperty("accessibilityNeeds").GetString());
            Assert.Equal("ExplicitConsent", restricted.GetProperty("legalBasis").GetString());
        }

        var log = await app.WithDbAsync(db => db.AccessLog.AsNoTracking().Where(a => a.Action == "Downloaded").OrderBy(a => a.Id).Select(a => new { a.Subject, a.ByName }).ToListAsync());
        Assert.Equal([new { Subject = "account", ByName = "Familie Haddad" }, new { Subject = "newcomer", ByName = "Beheerder" }], log);
    }

    [Fact]
    public async Task NationalStaff_DownloadEverythingUnderAnAddress_ForARequestByPost_WithoutTheAddressInTheLog()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await StaffJourney.CompleteGroupAsync(app, "post");
        var privacy = await Page.GetAsync(admin, "/beheer/privacy");

        var wrong = await privacy.SubmitAsync(admin, ("Email", "post3 voorbeeld.nl"));
        Assert.Equal(["Vul een e-mailadres in zoals naam@voorbeeld.nl."], wrong.Errors);
        Assert.Equal("post3 voorbeeld.nl", wrong.Value("Email"));
        var unknown = await privacy.SubmitAsync(admin, ("Email", "niemand@voorbeeld.nl"));
        Assert.Equal(["Onder dit adres is niets vastgelegd. Controleer de spelling."], unknown.Errors);

        var file = await privacy.SubmitAsync(admin, ("Email", " Post3@Voorbeeld.nl "));
        using var json = JsonDocument.Parse(file.Html);
        Assert.Equal("post3@voorbeeld.nl", json.RootElement.GetProperty("email").GetString());
        Assert.Equal("post lid 3", Assert.Single(json.RootElement.GetProperty("memberships").EnumerateArray()).GetProperty("member").GetProperty("name").GetString());
        Assert.DoesNotContain("post1@voorbeeld.nl", file.Html, StringComparison.Ordinal);

        var logged = Assert.Single(await app.WithDbAsync(db => db.AccessLog.AsNoTracking().ToListAsync()));
        Assert.Equal(("Downloaded", "email", "Beheerder"), (logged.Action, logged.Subject, logged.ByName));
        Assert.DoesNotContain("post3", logged.SubjectId, StringComparison.Ordinal);
        var overview = await Page.GetAsync(admin, "/beheer/privacy");
        Assert.Contains("Inzageverzoek", overview.Document.QuerySelector("#access tbody tr")!.TextContent, StringComparison.Ordinal);
    }
}
