using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Year;

/// <summary>Reminders of tasks and check-ins due: in the person's language, each exactly once, also when two instances run at once.</summary>
public sealed class ReminderTests
{
    private static async Task<int> SendAsync(AppFactory app)
    {
        var sent = 0;
        await app.WithScopeAsync(async services => sent = await services.GetRequiredService<YearReminders>().SendDueAsync(CancellationToken.None));
        return sent;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task ATaskDueSoon_RemindsItsOwnerOnce_EvenWithTwoInstancesAtOnce(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var m = await YearJourney.MatchedAsync(app);
        var members = await YearJourney.MembersAsync(app, m.Group);
        var bank = await app.WithDbAsync(db => db.PlanTasks.SingleAsync(x => x.GroupId == m.Group && x.Section == PlanSection.Bank));
        var member = await MemberJourney.SignInAsync(app, "dh3@voorbeeld.nl");
        var edit = await Page.GetAsync(member, $"/mijn-groep/plan/taak/{bank.Id}");
        Assert.Empty((await edit.SubmitAsync(member, ("Owners", members[2].ToString()))).Errors);

        // Arrival five days ago: the bank account (7 days after) is due the day after tomorrow.
        Assert.Empty((await YearJourney.SetArrivalAsync(m.Coordinator, m.Group, "2026-11-24")).Errors);
        var before = (await SignUpJourney.MailToAsync(app, "dh3@voorbeeld.nl")).Count;

        // Two instances of the job at the same moment.
        var results = await Task.WhenAll(SendAsync(app), SendAsync(app));
        Assert.Equal(1, results.Sum());
        Assert.Equal(0, await SendAsync(app));
        var mail = (await SignUpJourney.MailToAsync(app, "dh3@voorbeeld.nl")).Skip(before).ToList();
        var reminder = Assert.Single(mail);
        Assert.Equal("Herinnering: taken voor jullie nieuwkomer", reminder.Subject);
        Assert.Contains("- Bankrekening openen (1 december)", reminder.TextBody);
        Assert.Contains("/mijn-groep/plan?toon=mijn", reminder.TextBody);
        // It is in the member's notifications too.
        var list = await Page.GetAsync(await MemberJourney.SignInAsync(app, "dh3@voorbeeld.nl"), "/meldingen");
        Assert.Contains("Herinnering: taken voor jullie nieuwkomer", list.Document.QuerySelector("#notifications")!.TextContent);
        // Nobody else was reminded of it.
        Assert.DoesNotContain(await SignUpJourney.MailToAsync(app, "dh1@voorbeeld.nl"), x => x.Subject.StartsWith("Herinnering", StringComparison.Ordinal));

        // Moved to a later date, the task is reminded again when that date comes near, once.
        Assert.Empty((await YearJourney.SetArrivalAsync(m.Coordinator, m.Group, "2026-12-04")).Errors);
        Assert.Equal(0, await SendAsync(app));
        app.Time!.Advance(TimeSpan.FromDays(10));
        Assert.Equal(1, await SendAsync(app));
        Assert.Contains("(11 december)", (await SignUpJourney.MailToAsync(app, "dh3@voorbeeld.nl")).Last().TextBody);
    }

    [Fact]
    public async Task ACheckInDueSoon_RemindsTheCommunityBuilder_OnlyForWhatIsNotHeld()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app);
        // The match took over the household's expected arrival as the plan's date.
        Assert.Equal(new DateOnly(2027, 3, 1), await app.WithDbAsync(db => db.Groups.Where(g => g.Id == m.Group).Select(g => g.ArrivalOn).SingleAsync()));
        Assert.Empty((await YearJourney.StartYearAsync(m.Builder, m.Group, "2026-11-20")).Errors);
        var held = await (await Page.GetAsync(m.Builder, $"/beheer/groepen/{m.Group}/check-in/Group/Week2")).SubmitAsync(m.Builder, ("HeldOn", "2026-11-29"), ("Rating", "4"));
        Assert.Empty(held.Errors);
        var before = (await SignUpJourney.MailToAsync(app, "bouwer@samenhier.nl")).Count;

        // The builder's own list: the week-2 check-in with the newcomer is the next to hold (the group's is held).
        var due = (await Page.GetAsync(m.Builder, "/beheer/mijn-groepen")).Document.QuerySelectorAll("#check-ins-due-list li").Select(li => li.TextContent).ToList();
        Assert.Contains(due, d => d.Contains("Week 2, Met de nieuwkomer", StringComparison.Ordinal));
        Assert.DoesNotContain(due, d => d.Contains("Week 2, Met de groep", StringComparison.Ordinal));

        // Week 2 is 4 December: three days ahead of 1 December.
        Assert.Equal(0, await SendAsync(app));
        app.Time!.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await SendAsync(app));
        Assert.Equal(0, await SendAsync(app));
        var reminder = (await SignUpJourney.MailToAsync(app, "bouwer@samenhier.nl")).Skip(before).Single();
        Assert.Equal("Check-in binnenkort: Buren Regentesse", reminder.Subject);
        Assert.Contains("Met de nieuwkomer", reminder.TextBody);
        Assert.DoesNotContain("Met de groep", reminder.TextBody);
    }
}
