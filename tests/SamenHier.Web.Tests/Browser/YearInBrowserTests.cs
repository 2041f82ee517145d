using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Browser;

/// <summary>
/// The year together in Chromium on a phone-sized screen: a member ticks off tasks and adds a diary
/// entry, national staff see the progress; an Arabic-speaking newcomer's portal runs right to left and
/// their concern reaches staff only. Axe checks every page on the way.
/// </summary>
public sealed class YearInBrowserTests(OutboxBrowserFixture browser) : IClassFixture<OutboxBrowserFixture>
{
    [Fact]
    public async Task Member_TicksOffTasksAndAddsADiaryEntry_OnAPhone_AndStaffSeeTheProgress()
    {
        var m = await YearJourney.MatchedAsync(browser.App, householdEmail: "telefoon@voorbeeld.nl");
        var total = await browser.App.WithDbAsync(db => db.PlanTasks.CountAsync(x => x.GroupId == m.Group));

        var phone = await browser.PhoneAsync();
        await PortalInBrowser.SignInByLinkAsync(browser, phone, "dh2@voorbeeld.nl", "Inloggen");
        await Assertions.Expect(phone.Locator("#stage")).ToHaveTextAsync("Gekoppeld");
        await BrowserFixture.AssertAccessibleAsync(phone);

        await phone.GetByRole(AriaRole.Link, new() { Name = "Actieplan" }).First.ClickAsync();
        await Assertions.Expect(phone.Locator("#progress")).ToContainTextAsync($"0 van {total} taken afgerond");
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.Locator("li.sh-task", new() { HasText = "Zorgverzekering afsluiten" }).GetByRole(AriaRole.Button, new() { Name = "Klaar" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#progress")).ToContainTextAsync($"1 van {total} taken afgerond");
        await phone.Locator("li.sh-task", new() { HasText = "Bankrekening openen" }).GetByRole(AriaRole.Button, new() { Name = "Klaar" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#progress")).ToContainTextAsync($"2 van {total} taken afgerond");
        await BrowserFixture.AssertAccessibleAsync(phone);

        // A task's own page, with its fields.
        await phone.GetByRole(AriaRole.Link, new() { Name = "Inschrijven bij een huisarts" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.GetByLabel("Notities").FillAsync("Huisartsenpraktijk aan het plein neemt nieuwe patiënten aan");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Taak opslaan" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen.");

        await phone.GotoAsync("/mijn-groep/dagboek");
        await phone.GetByLabel("Taal oefenen").CheckAsync();
        await phone.GetByLabel("Hoeveel uur?").FillAsync("1,5");
        await phone.GetByLabel("Korte notitie").FillAsync("Samen de bus naar de markt genomen");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#diary-list")).ToContainTextAsync("Samen de bus naar de markt genomen");
        await BrowserFixture.AssertAccessibleAsync(phone);

        // The year starts: the questionnaire, a question at a time.
        Assert.Empty((await YearJourney.StartYearAsync(m.Coordinator, m.Group, "2026-11-28")).Errors);
        // (Made as the job makes it; the job itself, with its e-mails, is tested over HTTP in SurveyTests.)
        await browser.App.WithDbAsync(async db =>
        {
            var member = await db.GroupMembers.SingleAsync(x => x.Email == "dh2@voorbeeld.nl");
            db.SurveyResponses.Add(new SamenHier.Web.Features.Impact.SurveyResponse
            {
                Id = Guid.NewGuid(),
                GroupId = m.Group,
                Wave = SamenHier.Web.Features.Impact.Wave.Start,
                Respondent = $"member:{member.Id:N}",
                MemberId = member.Id,
                QuestionnaireId = await db.Questionnaires.Where(q => q.Key == "member").Select(q => q.Id).SingleAsync(),
                InvitedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        await phone.GotoAsync("/meldingen");
        await phone.Locator("#open-surveys a").ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.GetByLabel("Ja, dat mag").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#survey-progress")).ToHaveTextAsync("Vraag 1 van 6");
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.GetByLabel("Mee eens", new() { Exact = true }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#survey-progress")).ToHaveTextAsync("Vraag 2 van 6");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sla over" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#survey-progress")).ToHaveTextAsync("Vraag 3 van 6");
        await phone.GetByLabel("Hoeveel uur heeft u de afgelopen maand aan de groep besteed?").FillAsync("veel");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("Vul een getal in van 0 tot en met 300");
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.Context.CloseAsync();

        // National staff sign in with both steps and see the group's progress on its year page.
        var staff = await browser.PhoneAsync();
        await BackOfficeInBrowser.SignInAsync(staff, m.AdminKey);
        await Assertions.Expect(staff.GetByText("Welkom, Beheerder.")).ToBeVisibleAsync();
        await staff.GotoAsync($"/beheer/groepen/{m.Group}/jaar");
        await Assertions.Expect(staff.Locator("#progress")).ToContainTextAsync($"2 van {total} taken afgerond");
        await Assertions.Expect(staff.Locator("#diary-list")).ToContainTextAsync("Samen de bus naar de markt genomen");
        await BrowserFixture.AssertAccessibleAsync(staff);
        await staff.GotoAsync("/beheer/signalen");
        await BrowserFixture.AssertAccessibleAsync(staff);
        await staff.Context.CloseAsync();
    }
}

/// <summary>An Arabic-speaking newcomer's portal in Chromium on a phone: right to left, accessible in every language, and their concern reaches staff only.</summary>
public sealed class NewcomerPortalInBrowserTests(OutboxBrowserFixture browser) : IClassFixture<OutboxBrowserFixture>
{
    [Fact]
    public async Task ArabicNewcomerPortal_IsRightToLeft_Accessible_AndTheirConcernReachesStaffOnly()
    {
        var m = await YearJourney.MatchedAsync(browser.App, householdEmail: "amal@voorbeeld.nl");
        var at = browser.App.Time?.GetUtcNow() ?? DateTimeOffset.UtcNow;
        await browser.App.WithDbAsync(async db =>
        {
            var city = await db.Groups.Where(g => g.Id == m.Group).Select(g => g.CityId).SingleAsync();
            db.CommunityEvents.Add(new SamenHier.Web.Features.Events.CommunityEvent
            {
                Id = Guid.NewGuid(),
                CityId = city,
                Title = "Iftar",
                StartsAt = at.AddDays(9),
                EndsAt = at.AddDays(9).AddHours(3),
                Place = "Buurthuis",
                Capacity = 60,
                Languages = "nl,ar",
                Accessibility = "Drempelvrij",
                CreatedBy = "Test",
            });
            return await db.SaveChangesAsync();
        });

        var phone = await browser.PhoneAsync();
        await PortalInBrowser.SignInByLinkAsync(browser, phone, "amal@voorbeeld.nl", "Inloggen");
        await Assertions.Expect(phone.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("صفحتي");
        // The page really lays out right to left: the heading starts at the right edge.
        var direction = await phone.EvaluateAsync<string>("getComputedStyle(document.querySelector('h1')).direction");
        Assert.Equal("rtl", direction);
        await BrowserFixture.AssertAccessibleAsync(phone);

        await phone.GetByRole(AriaRole.Link, new() { Name = "أحتاج إلى مساعدة" }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.GetByLabel("بماذا تحتاج إلى مساعدة؟").FillAsync("أحتاج إلى طبيب يتحدث العربية");
        await phone.GetByRole(AriaRole.Button, new() { Name = "إرسال" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("تم إرسال رسالتك");
        await BrowserFixture.AssertAccessibleAsync(phone);

        // Events and notifications read in Arabic too, right to left: they answer for their household.
        await phone.GetByRole(AriaRole.Link, new() { Name = "الفعاليات" }).First.ClickAsync();
        await Assertions.Expect(phone.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        var evening = phone.Locator("li.sh-task", new() { HasText = "Iftar" });
        await evening.GetByLabel("كم شخصًا سيأتي؟").SelectOptionAsync("4");
        await evening.GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(phone.Locator("li.sh-task", new() { HasText = "Iftar" }).Locator(".event-state")).ToContainTextAsync("4");
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.GotoAsync("/meldingen");
        await Assertions.Expect(phone.Locator("#notifications li")).ToHaveCountAsync(1);
        await BrowserFixture.AssertAccessibleAsync(phone);
        await phone.GotoAsync("/nieuwkomer");

        // Every language of the portal renders without accessibility problems.
        foreach (var language in new[] { "ti", "fa", "uk", "so" })
        {
            await phone.GotoAsync($"/taal/{language}?terug=%2Fnieuwkomer");
            await Assertions.Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", language);
            await BrowserFixture.AssertAccessibleAsync(phone);
            // The page to download one's own data, in the same language.
            await phone.GotoAsync("/mijn-data");
            await Assertions.Expect(phone.Locator("#download")).ToBeVisibleAsync();
            await BrowserFixture.AssertAccessibleAsync(phone);
        }

        await phone.Context.CloseAsync();

        var signal = await browser.App.WithDbAsync(db => db.Signals.SingleAsync(s => s.GroupId == m.Group));
        Assert.Equal("أحتاج إلى طبيب يتحدث العربية", signal.Text);
        var member = await MemberJourney.SignInAsync(browser.App, "dh1@voorbeeld.nl");
        foreach (var path in new[] { "/mijn-groep", "/mijn-groep/plan", "/mijn-groep/dagboek", "/mijn-groep/kennisbank" })
        {
            Assert.DoesNotContain("طبيب", await member.GetStringAsync(path));
        }
    }
}

/// <summary>Signing in to a portal in the browser, with the link from the outbox.</summary>
internal static class PortalInBrowser
{
    public static async Task SignInByLinkAsync(BrowserFixture browser, IPage page, string email, string button)
    {
        await page.GotoAsync("/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stuur mij een inloglink" }).ClickAsync();
        string? link = null;
        for (var attempt = 0; attempt < 100 && link is null; attempt++)
        {
            link = await MemberJourney.LinkAsync(browser.App, email);
            await Task.Delay(link is null ? 100 : 0);
        }

        await page.GotoAsync(link!);
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
    }
}

/// <summary>Signing in to the back office in the browser: password, then the code of the authenticator app.</summary>
internal static class BackOfficeInBrowser
{
    public static async Task SignInAsync(IPage page, string key, string email = "admin@samenhier.nl")
    {
        await page.GotoAsync("/beheer");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(StaffJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        // The next period's code: the current one may expire between reading and posting it.
        await page.GetByLabel("Code uit je authenticator-app").FillAsync(StaffJourney.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }
}
