using Microsoft.Playwright;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Browser;

/// <summary>The first national staff member sets up their account in Chromium; axe checks every page.</summary>
public sealed class StaffInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task CompleteGroupAsync(string prefix)
    {
        await SignUpJourney.SubmitAsync(browser.Http(), prefix: prefix);
        for (var i = 1; i <= 5; i++)
        {
            var mail = (await browser.WaitForMailAsync($"{prefix}{i}@voorbeeld.nl")).Single();
            var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"/aanmelden/bevestigen\?code=[A-Za-z0-9_-]{43}").Value;
            await SignUpJourney.ConfirmAsync(browser.Http(), link);
        }
    }

    [Fact]
    public async Task CreateAdminLink_PasswordAuthenticatorAndBackOffice_AreAccessible()
    {
        var (_, link) = await SamenHier.Web.Commands.CreateAdminAsync(browser.App.Services, "eerste@samenhier.nl", "Eerste Beheerder", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var page = await browser.PhoneAsync();

        await page.GotoAsync(new Uri(link).PathAndQuery);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Nieuw wachtwoord").FillAsync(StaffJourney.Password);
        await page.GetByLabel("Herhaal het wachtwoord").FillAsync(StaffJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Stel je authenticator-app in");
        await BrowserFixture.AssertAccessibleAsync(page);
        var key = await page.Locator("#authenticator-key").TextContentAsync();
        await page.GetByLabel("Code uit je authenticator-app").FillAsync(StaffJourney.NextCode(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren en inloggen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Je account is klaar");
        await Assertions.Expect(page.Locator(".sh-recovery-codes li")).ToHaveCountAsync(10);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Naar het beheer" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Welkom, Eerste Beheerder.")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Medewerkers", Exact = true }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GotoAsync("/beheer/steden/1");
        await BrowserFixture.AssertAccessibleAsync(page);

        // A newcomer household: the form (with an error), then the list.
        await page.GotoAsync("/beheer/nieuwkomers/bewerken");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Naam van het huishouden").FillAsync("Familie Haddad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kies de route.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GotoAsync("/beheer/nieuwkomers");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Privacy: the access log and a request for access (with an error).
        await page.GotoAsync("/beheer/privacy");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync("niemand@voorbeeld.nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gegevens downloaden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Onder dit adres is niets vastgelegd.");
        await BrowserFixture.AssertAccessibleAsync(page);

        // A complete group in the list and on its own page, where the intake is recorded.
        await CompleteGroupAsync("axe");
        await page.GetByRole(AriaRole.Link, new() { Name = "Groepen", Exact = true }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        // Searching for a name: the list shows it, the address does not.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Zoeken (optioneel)" }).FillAsync("axe1@voorbeeld.nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon groepen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Zoeken (optioneel)" })).ToHaveValueAsync("axe1@voorbeeld.nl");
        Assert.Contains("zoek=s.", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("axe", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "De Buren" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kennismaking vastleggen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#history-list")).ToContainTextAsync("Kennismaking gehouden");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Sign out, then in again with both steps.
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.GotoAsync("/beheer");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen voor medewerkers");
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("E-mailadres").FillAsync("eerste@samenhier.nl");
        await page.GetByLabel("Wachtwoord").FillAsync(StaffJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tweede stap");
        await BrowserFixture.AssertAccessibleAsync(page);
        // A new code: the one used for setting up works only once.
        await page.GetByLabel("Code uit je authenticator-app").FillAsync(StaffJourney.NextCode(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Welkom, Eerste Beheerder.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
