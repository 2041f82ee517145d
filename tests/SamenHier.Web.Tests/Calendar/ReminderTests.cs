using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Tests.Email;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Calendar;

/// <summary>Reminders two days before a session or event: each once, also with two instances at once and across an SMTP outage; switched off, no e-mail.</summary>
public sealed class CalendarReminderTests
{
    private static async Task<int> RemindAsync(AppFactory app)
    {
        var sent = 0;
        await app.WithScopeAsync(async services => sent = await services.GetRequiredService<CalendarReminders>().SendDueAsync(CancellationToken.None));
        return sent;
    }

    private static async Task<int> DeliverAsync(AppFactory app)
    {
        var sent = 0;
        await app.WithScopeAsync(async services => sent = await services.GetRequiredService<OutboxSender>().ProcessDueAsync(CancellationToken.None));
        return sent;
    }

    /// <summary>A session and an event on 5 December (six days ahead), with dh1 registered for the one and answering for the other, and dh2 on the session.</summary>
    private static async Task<(Guid Session, Guid Event, string AdminKey)> ComingUpAsync(AppFactory app)
    {
        await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, key) = await StaffJourney.CreateAdminAsync(app);
        var session = await TrainingJourney.ScheduleAsync(admin, app, "2026-12-05", "10:00", capacity: 10);
        Assert.Empty((await EventJourney.PlanAsync(admin, app, "Sinterklaasfeest", "2026-12-05", "14:00", "16:00")).Errors);
        var e = await EventJourney.IdAsync(app, "Sinterklaasfeest");
        var first = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        await TrainingJourney.ActAsync(first, session, "Register");
        await EventJourney.RsvpAsync(first, e, 3);
        await TrainingJourney.ActAsync(await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl"), session, "Register");
        return (session, e, key);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task TwoDaysBefore_EachPersonIsRemindedOnce_EvenWithTwoAppInstancesOnOneDatabase(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await ComingUpAsync(app);
        // A second instance of the app on the same database (and clock).
        await using var other = new AppFactory(app);
        Assert.Equal(2, await other.WithDbAsync(db => db.TrainingRegistrations.CountAsync()));

        // Six days ahead: nothing yet. Four days on, two days before: three reminders, whichever instance sends them.
        Assert.Equal(0, await RemindAsync(app));
        app.Time!.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(6));
        var results = await Task.WhenAll(Task.Run(() => RemindAsync(app)), Task.Run(() => RemindAsync(other)), Task.Run(() => RemindAsync(app)), Task.Run(() => RemindAsync(other)));
        Assert.Equal(3, results.Sum());
        Assert.Equal(0, await RemindAsync(other));
        app.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await RemindAsync(app));

        var reminders = (await SignUpJourney.MailToAsync(app, "dh1@voorbeeld.nl")).Where(m => m.Subject.StartsWith("Herinnering", StringComparison.Ordinal)).Select(m => m.Subject).Order();
        Assert.Equal(["Herinnering: Sinterklaasfeest", "Herinnering: Starttraining"], reminders);
        var second = Assert.Single(await SignUpJourney.MailToAsync(app, "dh2@voorbeeld.nl"), m => m.Subject.StartsWith("Herinnering", StringComparison.Ordinal));
        Assert.Contains("zaterdag 5 december 2026, 10:00–21:30", second.TextBody);
    }

    [Fact]
    public async Task SwitchedOff_RemindersAreNotEmailed_ButChangesStillAre()
    {
        await using var app = new AppFactory();
        var (session, _, key) = await ComingUpAsync(app);
        var member = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        var settings = await Page.GetAsync(member, "/meldingen");
        Assert.Equal(["confirmations", "reminders"], settings.Document.QuerySelectorAll("input[name='Email']:checked").Select(i => i.GetAttribute("value")));
        var saved = await settings.SubmitAsync(member, [new("Email", "confirmations")], "handler=Settings");
        Assert.Contains("Uw keuze is opgeslagen.", saved.Text);
        Assert.Equal(["confirmations"], saved.Document.QuerySelectorAll("input[name='Email']:checked").Select(i => i.GetAttribute("value")));

        app.Time!.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(6));
        Assert.Equal(3, await RemindAsync(app));
        Assert.DoesNotContain(await SignUpJourney.MailToAsync(app, "dh1@voorbeeld.nl"), m => m.Subject.StartsWith("Herinnering", StringComparison.Ordinal));
        Assert.Single(await SignUpJourney.MailToAsync(app, "dh2@voorbeeld.nl"), m => m.Subject.StartsWith("Herinnering", StringComparison.Ordinal));
        // In the list all the same, marked as not e-mailed (signed in again: days went by).
        member = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        var list = await Page.GetAsync(member, "/meldingen");
        var reminder = list.Document.QuerySelectorAll("#notifications li").First(li => li.TextContent.Contains("Herinnering: Starttraining", StringComparison.Ordinal));
        Assert.Contains("niet gemaild", reminder.TextContent);

        // A cancelled session is essential: e-mailed whatever the setting.
        var admin = app.Client();
        Assert.Equal("/beheer", (await StaffJourney.SignInAsync(admin, "admin@samenhier.nl", StaffJourney.Password, key)).Path);
        await (await Page.GetAsync(admin, $"/beheer/trainingen/{session}")).SubmitAsync(admin, [], "handler=Cancel");
        Assert.Single(await SignUpJourney.MailToAsync(app, "dh1@voorbeeld.nl"), m => m.Subject == "Geannuleerd: Starttraining");

        // Read: no longer new.
        Assert.NotEmpty(list.Document.QuerySelectorAll("#notifications .sh-badge"));
        var read = await (await Page.GetAsync(member, "/meldingen")).SubmitAsync(member, [], "handler=Read");
        Assert.Empty(read.Document.QuerySelectorAll("#notifications .sh-badge"));
    }

    [Fact]
    public async Task WhileSmtpIsDown_RemindersWait_AndArriveExactlyOnceWhenItIsBack()
    {
        var port = OutboxTests.FreePort();
        await using var app = new AppFactory(Provider.Postgres, OutboxTests.Smtp(port));
        await ComingUpAsync(app);
        // Nothing queued before this moment is part of the count.
        await app.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, DateTimeOffset.UnixEpoch)));

        app.Time!.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(6));
        Assert.Equal(3, await RemindAsync(app));
        Assert.Equal(0, await DeliverAsync(app)); // SMTP is down
        Assert.Equal(0, await RemindAsync(app)); // and the job does not queue them again

        using var smtp = SimpleSmtpServer.Start(port);
        await using var other = new AppFactory(app);
        app.Time.Advance(TimeSpan.FromSeconds(11));
        var delivered = await Task.WhenAll(Task.Run(() => DeliverAsync(app)), Task.Run(() => DeliverAsync(other)));
        Assert.Equal(3, delivered.Sum());
        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await RemindAsync(app));
        Assert.Equal(0, await DeliverAsync(app));
        Assert.Equal(3, smtp.ReceivedEmailCount);
        Assert.Equal(
            ["dh1@voorbeeld.nl Herinnering: Sinterklaasfeest", "dh1@voorbeeld.nl Herinnering: Starttraining", "dh2@voorbeeld.nl Herinnering: Starttraining"],
            smtp.ReceivedEmail.Select(m => $"{m.ToAddresses.Single().Address} {m.Headers["Subject"]}").Order());
    }
}
