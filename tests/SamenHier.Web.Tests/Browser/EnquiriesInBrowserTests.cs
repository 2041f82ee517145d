using Microsoft.Playwright;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Browser;

/// <summary>
/// A visitor offers a space in Haarlem in Chromium on a phone; Haarlem's coordinator finds it under
/// Berichten and follows it up, Almere's coordinator does not see it. Axe checks every page.
/// </summary>
public sealed class EnquiriesInBrowserTests(OutboxBrowserFixture browser) : IClassFixture<OutboxBrowserFixture>
{
    [Fact]
    public async Task AVisitorOffersASpaceInHaarlem_HaarlemsCoordinatorSeesIt_AlmeresDoesNot()
    {
        var app = browser.App;
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var (_, haarlemKey) = await StaffJourney.InviteWithKeyAsync(app, admin, "coord.haarlem@samenhier.nl", "Coordinator", "haarlem");
        var (_, almereKey) = await StaffJourney.InviteWithKeyAsync(app, admin, "coord.almere@samenhier.nl", "Coordinator", "almere");

        var visitor = await browser.PhoneAsync();
        await visitor.GotoAsync("/helpen");
        await BrowserFixture.AssertAccessibleAsync(visitor);
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Bied je kennis, je netwerk, een ruimte of een activiteit aan" }).ClickAsync();
        await visitor.GetByLabel("Een ruimte").CheckAsync();
        await visitor.GetByLabel("Voor welke stad").SelectOptionAsync(new SelectOptionValue { Label = "Haarlem" });
        await visitor.GetByLabel("Waar is de ruimte?").FillAsync("Buurthuis De Ark, Schalkwijk");
        await visitor.GetByLabel("Voor hoeveel mensen?").FillAsync("dertig");
        await visitor.GetByLabel("Gedeeltelijk").CheckAsync();
        await visitor.Locator("#Input_Name").FillAsync("Harm Buurthuis");
        await visitor.Locator("#Input_Email").FillAsync("harm@voorbeeld.nl");
        await visitor.Locator("#Input_Message").FillAsync("Elke dinsdagavond vrij.");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        await Assertions.Expect(visitor.Locator(".sh-error-summary")).ToContainTextAsync("als getal");
        await Assertions.Expect(visitor.GetByLabel("Waar is de ruimte?")).ToHaveValueAsync("Buurthuis De Ark, Schalkwijk");
        await BrowserFixture.AssertAccessibleAsync(visitor);
        await visitor.GetByLabel("Voor hoeveel mensen?").FillAsync("30");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("#help-sent")).ToBeVisibleAsync();
        await visitor.Context.CloseAsync();

        var haarlem = await browser.PhoneAsync();
        await BackOfficeInBrowser.SignInAsync(haarlem, haarlemKey, "coord.haarlem@samenhier.nl");
        await haarlem.GetByRole(AriaRole.Link, new() { Name = "Berichten" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(haarlem);
        await haarlem.GetByRole(AriaRole.Link, new() { Name = "Een ruimte" }).ClickAsync();
        await Assertions.Expect(haarlem.Locator("#enquiry")).ToContainTextAsync("Buurthuis De Ark, Schalkwijk");
        await BrowserFixture.AssertAccessibleAsync(haarlem);
        await haarlem.GetByLabel("Contact gehad").CheckAsync();
        await haarlem.GetByLabel("Notitie").FillAsync("Gebeld.");
        await haarlem.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(haarlem.Locator("#enquiry-saved")).ToBeVisibleAsync();
        await haarlem.Context.CloseAsync();

        var almere = await browser.PhoneAsync();
        await BackOfficeInBrowser.SignInAsync(almere, almereKey, "coord.almere@samenhier.nl");
        await almere.GetByRole(AriaRole.Link, new() { Name = "Berichten" }).ClickAsync();
        await Assertions.Expect(almere.Locator("#inbox-empty")).ToBeVisibleAsync();
        await Assertions.Expect(almere.GetByText("Harm Buurthuis")).ToHaveCountAsync(0);
        await almere.Context.CloseAsync();
    }
}
