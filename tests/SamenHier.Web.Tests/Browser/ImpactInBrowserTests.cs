using Microsoft.Playwright;
using SamenHier.Web.Tests.Impact;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Browser;

/// <summary>
/// The impact dashboard in Chromium: national staff choose a place, see its charts with their text
/// and the tables beside them, and the report form keeps their choices with a message when one is
/// wrong. Axe checks every page on the way.
/// </summary>
public sealed class ImpactInBrowserTests(OutboxBrowserFixture browser) : IClassFixture<OutboxBrowserFixture>
{
    [Fact]
    public async Task NationalStaff_ReadTheFiguresOfTheCountryAndACity_AndAWrongReportChoiceIsExplained()
    {
        var app = browser.App;
        await ImpactDashboardTests.SeedAsync(app);
        var (_, key) = await StaffJourney.CreateAdminAsync(app);

        var staff = await browser.PhoneAsync();
        await BackOfficeInBrowser.SignInAsync(staff, key);

        await staff.GetByRole(AriaRole.Link, new() { Name = "Impact" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Nederland", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Img, new() { Name = "Grafiek: Groepen per jaar. De cijfers staan in de tabel hieronder." })).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("tr#contact-start td")).ToHaveTextAsync("67%");
        await BrowserFixture.AssertAccessibleAsync(staff);

        await staff.GetByLabel("Plaats", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Almere" });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Almere", Level = 2 })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(staff);

        // No place ticked: the message, and the rest of the choices as they were.
        await staff.GetByLabel("Almere", new() { Exact = true }).UncheckAsync();
        await staff.GetByLabel("English").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Rapport downloaden" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".sh-error-summary")).ToContainTextAsync("Kies ten minste één plaats.");
        await Assertions.Expect(staff.GetByLabel("English")).ToBeCheckedAsync();
        await BrowserFixture.AssertAccessibleAsync(staff);
        await staff.Context.CloseAsync();
    }
}
