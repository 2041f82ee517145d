using Microsoft.Playwright;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Browser;

/// <summary>
/// Trainings, events and notifications in Chromium on a phone: a member joins the waiting list of a
/// full session, is promoted when someone cancels, finds it in their notifications and answers for an
/// event; the coordinator's pages for sessions and events. Axe checks every page on the way.
/// </summary>
public sealed class TrainingsInBrowserTests(OutboxBrowserFixture browser) : IClassFixture<OutboxBrowserFixture>
{
    [Fact]
    public async Task AMember_OnTheWaitingListOfAFullSession_IsPromotedWhenSomeoneCancels_AndSeesItInTheirPortal()
    {
        var app = browser.App;
        await StaffJourney.CompleteGroupAsync(app, "tr");
        var (admin, key) = await StaffJourney.CreateAdminAsync(app);
        var session = await TrainingJourney.ScheduleAsync(admin, app, "2027-01-14", "19:30", capacity: 1);
        Assert.Empty((await EventJourney.PlanAsync(admin, app, "Buurtmaaltijd", "2027-01-20", "18:00", "20:00", capacity: "30")).Errors);
        var first = await MemberJourney.SignInAsync(app, "tr1@voorbeeld.nl");
        Assert.Contains("U bent aangemeld.", (await TrainingJourney.ActAsync(first, session, "Register")).Text);

        // The session is full: the member joins its waiting list.
        var phone = await browser.PhoneAsync();
        await PortalInBrowser.SignInByLinkAsync(browser, phone, "tr2@voorbeeld.nl", "Inloggen");
        await phone.GotoAsync("/mijn-groep/trainingen");
        var card = phone.Locator($"#sessie-{session}");
        await Assertions.Expect(card.Locator(".session-places")).ToContainTextAsync("Vol");
        await BrowserFixture.AssertAccessibleAsync(phone);
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Op de wachtlijst") }).ClickAsync();
        await Assertions.Expect(phone.Locator($"#sessie-{session} .session-state")).ToHaveTextAsync("U staat op de wachtlijst (nummer 1).");
        await BrowserFixture.AssertAccessibleAsync(phone);

        // Someone with a place cancels: the member has it at once.
        Assert.Contains("U bent afgemeld", (await TrainingJourney.ActAsync(first, session, "Cancel")).Text);
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator($"#sessie-{session} .session-state")).ToHaveTextAsync("U bent aangemeld.");

        // And reads it in their notifications, where they can also get their calendar address.
        await phone.GotoAsync("/meldingen");
        await Assertions.Expect(phone.Locator("#notifications li").First).ToContainTextAsync("Er is een plek voor u: Starttraining");
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Maak mijn agenda-adres" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#feed-address")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"/agenda/[A-Za-z0-9_-]{43}\.ics$"));
        await BrowserFixture.AssertAccessibleAsync(phone);

        // An event: they answer for three people.
        await phone.GotoAsync("/activiteiten");
        var e = phone.Locator("li.sh-task", new() { HasText = "Buurtmaaltijd" });
        await e.GetByLabel("Met hoeveel mensen komt u?").SelectOptionAsync("3");
        await e.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Ik kom") }).ClickAsync();
        await Assertions.Expect(phone.Locator("li.sh-task", new() { HasText = "Buurtmaaltijd" }).Locator(".event-state")).ToHaveTextAsync("U komt met 3 personen.");
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.Context.CloseAsync();

        // The coordinator's side: sessions and events, with their forms.
        var staff = await browser.PhoneAsync();
        await BackOfficeInBrowser.SignInAsync(staff, key);
        await staff.GotoAsync($"/beheer/trainingen/{session}");
        await Assertions.Expect(staff.Locator("#registered")).ToContainTextAsync("tr lid 2");
        await BrowserFixture.AssertAccessibleAsync(staff);
        await staff.GotoAsync("/beheer/activiteiten");
        await BrowserFixture.AssertAccessibleAsync(staff);
        await staff.GetByRole(AriaRole.Link, new() { Name = "20 jan 2027 18:00" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#count")).ToContainTextAsync("Aanmeldingen: 1 · mensen: 3");
        await BrowserFixture.AssertAccessibleAsync(staff);
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task AMember_LeavesTheirGroup_AfterTickingTheBox()
    {
        var app = browser.App;
        await StaffJourney.CompleteGroupAsync(app, "vl", groupName: "De Vertrekkers");
        var phone = await browser.PhoneAsync();
        await PortalInBrowser.SignInByLinkAsync(browser, phone, "vl3@voorbeeld.nl", "Inloggen");
        await phone.GotoAsync("/mijn-groep");
        await phone.Locator("#leave-link").ClickAsync();
        await Assertions.Expect(phone.Locator("#what-happens li")).ToHaveCountAsync(5);
        await BrowserFixture.AssertAccessibleAsync(phone);

        // Pressed without ticking: the message, and nothing lost.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Groep verlaten" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".utrecht-form-field-error-message").First).ToContainTextAsync("Vink aan dat u uw toestemming intrekt");
        await BrowserFixture.AssertAccessibleAsync(phone);

        await phone.GetByLabel("Ik trek mijn toestemming in en verlaat de groep").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Groep verlaten" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#left")).ToContainTextAsync("U hebt de groep verlaten");
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.Context.CloseAsync();
        Assert.Equal("—", await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.GroupMembers.Where(m => m.LeftAt != null).Select(m => m.Name))));
    }
}
