using Microsoft.Playwright;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Browser;

/// <summary>
/// Giving in Chromium on a phone: a mistyped IBAN is explained and the rest stays filled in; then
/// national staff make the collection file. Axe checks every page on the way.
/// </summary>
public sealed class DonationsInBrowserTests(OutboxBrowserFixture browser) : IClassFixture<OutboxBrowserFixture>
{
    [Fact]
    public async Task AVisitorGivesYearlyForAlmere_AfterAMistypedIban_AndNationalStaffMakeTheCollectionFile()
    {
        var app = browser.App;
        var visitor = await browser.PhoneAsync();
        await visitor.GotoAsync("/doneren");
        await BrowserFixture.AssertAccessibleAsync(visitor);

        await visitor.GetByLabel("€ 25", new() { Exact = true }).CheckAsync();
        await visitor.GetByLabel("Elk jaar", new() { Exact = true }).CheckAsync();
        await visitor.GetByLabel("Voor welke stad").SelectOptionAsync(new SelectOptionValue { Label = "Almere" });
        await visitor.Locator("#Input_Name").FillAsync("Gerda Gever");
        await visitor.Locator("#Input_Email").FillAsync("gerda@voorbeeld.nl");
        await visitor.Locator("#Input_AccountHolder").FillAsync("G. Gever");
        await visitor.Locator("#Input_Iban").FillAsync("NL91 ABNA 0417 1643 01");
        await visitor.GetByLabel("Ik geef Stichting Samen Hier deze machtiging").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Gift geven" }).ClickAsync();

        await Assertions.Expect(visitor.Locator(".sh-error-summary")).ToContainTextAsync("Dit IBAN klopt niet");
        await Assertions.Expect(visitor.Locator("#Input_Name")).ToHaveValueAsync("Gerda Gever");
        await Assertions.Expect(visitor.GetByLabel("Elk jaar", new() { Exact = true })).ToBeCheckedAsync();
        await BrowserFixture.AssertAccessibleAsync(visitor);

        await visitor.Locator("#Input_Iban").FillAsync("NL91 ABNA 0417 1643 00");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Gift geven" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("#donate-thanks")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(visitor);

        // The link in the e-mail: the gift waits for the donor's confirmation.
        var mail = (await SignUpJourney.MailToAsync(app, "gerda@voorbeeld.nl")).Single();
        await visitor.GotoAsync(System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"/doneren/wijzigen\?code=[A-Za-z0-9_-]{43}").Value);
        await BrowserFixture.AssertAccessibleAsync(visitor);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Ja, ik bevestig mijn gift" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("#donation-status")).ToHaveTextAsync("Loopt");
        await visitor.Context.CloseAsync();

        var (_, key) = await StaffJourney.CreateAdminAsync(app);
        var staff = await browser.PhoneAsync();
        await BackOfficeInBrowser.SignInAsync(staff, key);
        await staff.GetByRole(AriaRole.Link, new() { Name = "Donaties" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#donations")).ToContainTextAsync("Gerda Gever");
        await BrowserFixture.AssertAccessibleAsync(staff);
        // After the notice: the first business day on or after the gift's first date.
        var day = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Donations.Select(d => d.NextCollectionOn)));
        while (!SamenHier.Web.Features.Donations.CollectionDays.IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        await staff.GetByLabel("Incassodatum").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await staff.GetByRole(AriaRole.Button, new() { Name = "Bestand maken" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#run-made")).ToContainTextAsync("1 afschrijvingen, samen € 25,00");
        await BrowserFixture.AssertAccessibleAsync(staff);
        await staff.Context.CloseAsync();
    }
}
