using Microsoft.Playwright;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Browser;

/// <summary>
/// A coordinator signs in with both steps and takes a group from complete to ready to match, with a
/// community builder at its side; a member of the group follows it on the group's page. Axe checks
/// every page on the way.
/// </summary>
public sealed class BackOfficeJourneyInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The one link matching <paramref name="pattern"/> among the e-mails to <paramref name="address"/>, waiting for it to arrive.</summary>
    private async Task<string> LinkAsync(string address, string pattern)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var links = browser.MailTo(address)
                .Select(m => System.Text.RegularExpressions.Regex.Match(m.TextBody ?? "", pattern).Value)
                .Where(l => l.Length > 0)
                .ToList();
            if (links.Count > 0)
            {
                return links[^1];
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"No e-mail to {address} with {pattern}");
    }

    /// <summary>A staff member follows their invitation in the browser: password, then the authenticator.</summary>
    private static async Task<string> SetUpAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Nieuw wachtwoord").FillAsync(StaffJourney.Password);
        await page.GetByLabel("Herhaal het wachtwoord").FillAsync(StaffJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!;
        await page.GetByLabel("Code uit je authenticator-app").FillAsync(StaffJourney.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren en inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Je account is klaar");
        return key;
    }

    [Fact]
    public async Task Coordinator_TakesAGroupFromCompleteToReady_AndAMemberFollowsIt()
    {
        // Arrange over HTTP: national staff, a complete group, a coordinator's and a builder's invitations.
        var admin = browser.Http();
        var (_, adminLink) = await SamenHier.Web.Commands.CreateAdminAsync(browser.App.Services, "landelijk@samenhier.nl", "Landelijk", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        await StaffJourney.SetUpAsync(admin, new Uri(adminLink).PathAndQuery);
        await SignUpJourney.SubmitAsync(browser.Http(), prefix: "reis");
        for (var i = 1; i <= 5; i++)
        {
            await SignUpJourney.ConfirmAsync(browser.Http(), await LinkAsync($"reis{i}@voorbeeld.nl", @"/aanmelden/bevestigen\?code=[A-Za-z0-9_-]{43}"));
        }

        var ids = await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Cities.Where(c => c.Slug == "den-haag").Select(c => c.Id)));
        foreach (var (email, role) in new[] { ("coordinator@samenhier.nl", "Coordinator"), ("bouwer@samenhier.nl", "CommunityBuilder") })
        {
            var invite = await Page.GetAsync(admin, "/beheer/medewerkers");
            await invite.SubmitAsync(admin, ("Input.Name", email.Split('@')[0]), ("Input.Email", email), ("Input.Role", role), ("Input.Language", "nl"),
                ("Input.Cities", ids.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // The coordinator sets up their account, signs out, and signs in again with password and code.
        var page = await browser.PhoneAsync();
        var key = await SetUpAsync(page, await LinkAsync("coordinator@samenhier.nl", @"/beheer/wachtwoord\?[^\s]+"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Naar het beheer" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.GotoAsync("/beheer");
        await page.GetByLabel("E-mailadres").FillAsync("coordinator@samenhier.nl");
        await page.GetByLabel("Wachtwoord").FillAsync(StaffJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        // A new code: the one used during set-up works only once.
        await page.GetByLabel("Code uit je authenticator-app").FillAsync(StaffJourney.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Welkom, coordinator.")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        // The community builder's languages and capacity.
        await page.GetByRole(AriaRole.Link, new() { Name = "Community bouwers", Exact = true }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "bouwer", Exact = true }).ClickAsync();
        await page.GetByLabel("Tigrinya").CheckAsync();
        await page.GetByLabel("Hoeveel groepen tegelijk").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen.");
        await BrowserFixture.AssertAccessibleAsync(page);

        // The group, from complete to ready to match.
        await page.GetByRole(AriaRole.Link, new() { Name = "Groepen", Exact = true }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "De Buren" }).ClickAsync();
        await Assertions.Expect(page.Locator("#stage")).ToHaveTextAsync("Kennismaking");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kennismaking vastleggen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#missing-items")).ToContainTextAsync("Vastgelegd wat de groep kan bieden");
        await page.GetByLabel("Grootste huishouden dat de groep kan steunen").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan wat de groep kan bieden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen.");
        await Assertions.Expect(page.Locator("#stage")).ToHaveTextAsync("Screening");
        for (var i = 1; i <= 5; i++)
        {
            await page.GetByLabel("Groepslid").SelectOptionAsync(new SelectOptionValue { Label = $"Lid {i}" });
            await page.GetByLabel("In orde", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "VOG vastleggen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen.");
        }

        await BrowserFixture.AssertAccessibleAsync(page);
        // The trainings: sessions held yesterday (arranged in the database); the coordinator records who came.
        var groupUrl = page.Url;
        var groupId = Guid.Parse(new Uri(groupUrl).AbsolutePath.Split('/')[^1]);
        foreach (var session in await TrainingJourney.HeldYesterdayAsync(browser.App, groupId))
        {
            await page.GotoAsync($"/beheer/trainingen/{session}");
            foreach (var box in await page.Locator("input[name='Attended']").AllAsync())
            {
                await box.CheckAsync();
            }

            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Aanwezigheid opslaan" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De aanwezigheid is opgeslagen");
        }

        await page.GotoAsync(groupUrl);
        await Assertions.Expect(page.Locator("#training-record")).ToContainTextAsync("Starttraining: 5 van 5 aanwezig ✓");
        // The group's goals: started from the template on the group's year page, and approved there.
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan bekijken en goedkeuren" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Beginnen met het sjabloon" }).ClickAsync();
        await Assertions.Expect(page.Locator("#progress")).ToContainTextAsync("0 van 8 taken afgerond");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Doelen goedkeuren" }).ClickAsync();
        await Assertions.Expect(page.Locator("#plan-status")).ToContainTextAsync("Goedgekeurd door de coördinator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de groep" }).ClickAsync();
        await Assertions.Expect(page.Locator("#missing")).ToBeVisibleAsync();
        await page.GetByLabel("Community bouwer van deze groep").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Community bouwer opslaan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#current-builder")).ToContainTextAsync("bouwer (Tigrinya)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Klaar om te koppelen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#stage")).ToHaveTextAsync("Klaar om te koppelen");
        await Assertions.Expect(page.Locator("#history-list")).ToContainTextAsync("Community bouwer gekoppeld: bouwer");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Beheer", Exact = true }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwkomers", Exact = true }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        // A household waits in Den Haag (recorded over HTTP by national staff); the coordinator matches it.
        var recorded = await NewcomerJourney.RecordAsync(admin, browser.App, "den-haag", "Familie Tesfay", health: null, route: "Welcome", language: "ti");
        Assert.Empty(recorded.Errors);
        await page.GetByRole(AriaRole.Link, new() { Name = "Koppelen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#forecast")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Den Haag" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppelingen voorstellen" }).ClickAsync();
        var proposal = page.Locator("section.sh-proposal");
        await Assertions.Expect(proposal.Locator("h3")).ToHaveTextAsync("Familie Tesfay – De Buren");
        await Assertions.Expect(proposal.Locator(".proposal-builder")).ToHaveTextAsync("bouwer");
        await BrowserFixture.AssertAccessibleAsync(page);
        await proposal.GetByRole(AriaRole.Link, new() { Name = "Afwijzen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Afwijzen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".sh-error-summary")).ToContainTextAsync("Vul de reden in.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de koppelronde" }).ClickAsync();
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Accepteren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Geaccepteerd");
        await Assertions.Expect(proposal.Locator(".proposal-status")).ToHaveTextAsync("Geaccepteerd");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "De Buren" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#stage")).ToHaveTextAsync("Gekoppeld");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();

        // A member asks for a sign-in link and sees where the group stands.
        var member = await browser.PhoneAsync();
        await member.GotoAsync("/");
        await member.GetByRole(AriaRole.Link, new() { Name = "Inloggen voor deelnemers" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(member);
        await member.GetByLabel("E-mailadres").FillAsync("reis3@voorbeeld.nl");
        await member.GetByRole(AriaRole.Button, new() { Name = "Stuur mij een inloglink" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kijk in je e-mail");
        await BrowserFixture.AssertAccessibleAsync(member);
        await member.GotoAsync(await LinkAsync("reis3@voorbeeld.nl", @"/inloggen/link\?code=[A-Za-z0-9_-]{43}"));
        await BrowserFixture.AssertAccessibleAsync(member);
        await member.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(member.Locator("#stage")).ToHaveTextAsync("Gekoppeld");
        await Assertions.Expect(member.Locator("#household-waiting")).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator("#builder")).ToContainTextAsync("bouwer");
        await BrowserFixture.AssertAccessibleAsync(member);
        await member.Context.CloseAsync();

        // The community builder sees the group on their own page.
        var builder = await browser.PhoneAsync();
        await SetUpAsync(builder, await LinkAsync("bouwer@samenhier.nl", @"/beheer/wachtwoord\?[^\s]+"));
        await builder.GotoAsync("/beheer/mijn-groepen");
        await BrowserFixture.AssertAccessibleAsync(builder);
        await builder.GetByRole(AriaRole.Link, new() { Name = "De Buren" }).ClickAsync();
        await Assertions.Expect(builder.GetByText("reis2@voorbeeld.nl")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(builder);
        await builder.Context.CloseAsync();
    }
}
