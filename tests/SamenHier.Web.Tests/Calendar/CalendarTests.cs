using System.Net;
using System.Text.RegularExpressions;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Calendar;

/// <summary>
/// iCalendar feeds and files: read back with Ical.Net, their instants are right on both sides of a
/// daylight-saving change; a personal feed lives at a secret address its owner can renew.
/// </summary>
public sealed partial class CalendarTests
{
    private static async Task<Ical.Net.Calendar> LoadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VTIMEZONE", text);
        return Ical.Net.Calendar.Load(text)!;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static (DateTimeOffset Start, DateTimeOffset End) Instants(CalendarEvent e) =>
        (new DateTimeOffset(e.DtStart!.AsUtc, TimeSpan.Zero), new DateTimeOffset(e.DtEnd!.AsUtc, TimeSpan.Zero));

    [Fact]
    public async Task TheCityFeed_ReadsBackWithTheRightInstants_AcrossBothChangesOfTheClock()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        // 02:30 on the last Sunday of March 2027 is a time the clock skips: refused, and what was typed stays.
        var gap = await EventJourney.PlanAsync(admin, app, "Nachtcafé", "2027-03-28", "02:30", "04:00", isPublic: true);
        Assert.Equal(["Deze tijd bestaat niet op die dag: de klok gaat dan van 02:00 naar 03:00. Kies een andere tijd."], gap.Errors);
        Assert.Equal("Nachtcafé", gap.Value("Title"));
        Assert.Equal("02:30", gap.Value("Start"));

        // Nor may a weekly series reach that time on a later week.
        var series = await EventJourney.PlanAsync(admin, app, "Nachtcafé", "2027-03-14", "02:30", "04:00", weeks: "3", isPublic: true);
        Assert.Equal(["Op 28 maart 2027 bestaat deze tijd niet: de klok gaat dan van 02:00 naar 03:00. Kies een andere tijd of minder weken."], series.Errors);
        Assert.Equal("3", series.Value("Weeks"));

        // A weekly series at 19:00 that crosses the change; a night walk from before to after it; and
        // 02:30 on the last Sunday of October, which the clock passes twice (the first passing is meant).
        Assert.Empty((await EventJourney.PlanAsync(admin, app, "Taalcafé", "2027-03-14", "19:00", "21:00", weeks: "3", isPublic: true)).Errors);
        Assert.Empty((await EventJourney.PlanAsync(admin, app, "Nachtwandeling", "2027-03-28", "01:30", "03:30", isPublic: true)).Errors);
        Assert.Empty((await EventJourney.PlanAsync(admin, app, "Wintertijd", "2027-10-31", "02:30", "03:30", isPublic: true)).Errors);
        Assert.Empty((await EventJourney.PlanAsync(admin, app, "Besloten overleg", "2027-03-15", "19:00", "20:00")).Errors);

        var feed = await LoadAsync(app.Client(), "/steden/den-haag/agenda.ics");
        var events = feed.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        // Only public events are in the city's public calendar.
        Assert.DoesNotContain(events, e => e.Summary == "Besloten overleg");
        Assert.Equal(
            [
                ("Taalcafé", Utc(2027, 3, 14, 18, 0), Utc(2027, 3, 14, 20, 0)),
                ("Taalcafé", Utc(2027, 3, 21, 18, 0), Utc(2027, 3, 21, 20, 0)),
                ("Nachtwandeling", Utc(2027, 3, 28, 0, 30), Utc(2027, 3, 28, 1, 30)),
                ("Taalcafé", Utc(2027, 3, 28, 17, 0), Utc(2027, 3, 28, 19, 0)),
                ("Wintertijd", Utc(2027, 10, 31, 0, 30), Utc(2027, 10, 31, 2, 30)),
            ],
            events.Select(e => (e.Summary!, Instants(e).Start, Instants(e).End)));
        Assert.All(events, e => Assert.Equal("Europe/Amsterdam", e.DtStart!.TzId));
        // The stored instants are the same as the feed's.
        var stored = await app.WithDbAsync(db => db.CommunityEvents.Where(e => e.Public).OrderBy(e => e.StartsAt).Select(e => e.StartsAt).ToListAsync());
        Assert.Equal(events.Select(e => Instants(e).Start), stored);
        // The series shares one id, each week its own event (own answers, own cancellation).
        var ids = await app.WithDbAsync(db => db.CommunityEvents.Where(e => e.Title == "Taalcafé").Select(e => e.SeriesId).ToListAsync());
        Assert.Equal(3, ids.Count);
        Assert.NotNull(Assert.Single(ids.Distinct()));

        // One event's own .ics, for anyone when it is public.
        var one = await LoadAsync(app.Client(), $"/agenda/activiteit/{await EventJourney.IdAsync(app, "Nachtwandeling")}.ics");
        Assert.Equal(Utc(2027, 3, 28, 0, 30), Instants(Assert.Single(one.Events)).Start);
        // The public cities page shows the city's next public events and its calendar.
        var cities = await Page.GetAsync(app.Client(), "/steden");
        var denHaag = cities.Document.QuerySelectorAll("li.sh-card").Single(li => li.QuerySelector("h3")!.TextContent == "Den Haag");
        Assert.Equal(["14 maart, 19:00", "21 maart, 19:00", "28 maart, 01:30"], denHaag.QuerySelectorAll("li time").Select(x => x.TextContent));
        Assert.DoesNotContain("Besloten overleg", denHaag.TextContent);
        Assert.NotNull(denHaag.QuerySelector("a[href='/steden/den-haag/agenda.ics']"));
        // An unknown city has no calendar.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/steden/nergens/agenda.ics")).StatusCode);
    }

    [GeneratedRegex(@"https?://[^\s""<]+/agenda/[A-Za-z0-9_-]{43}\.ics")]
    private static partial Regex FeedAddress();

    [Fact]
    public async Task APersonalFeed_HoldsMySessionsAndEvents_FollowsChanges_AndARenewedAddressEndsTheOldOne()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var session = await TrainingJourney.ScheduleAsync(admin, app, "2027-01-14", "19:30", capacity: 10);
        Assert.Empty((await EventJourney.PlanAsync(admin, app, "Buurtmaaltijd", "2027-01-20", "18:00", "20:00", capacity: "30")).Errors);
        var member = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        await TrainingJourney.ActAsync(member, session, "Register");
        Assert.Contains("U bent aangemeld.", (await EventJourney.RsvpAsync(member, await EventJourney.IdAsync(app, "Buurtmaaltijd"), 2)).Text);

        // No address until asked for; then one, on the page.
        var page = await Page.GetAsync(member, "/meldingen");
        Assert.Null(page.Document.QuerySelector("#feed-address"));
        page = await page.SubmitAsync(member, [], "handler=Renew");
        var address = FeedAddress().Match(page.Html).Value;
        Assert.NotEmpty(address);
        var path = new Uri(address).AbsolutePath;

        // Calendar apps do not sign in: the address alone opens it.
        var calendar = await LoadAsync(app.Client(), path);
        Assert.Equal(["Starttraining", "Buurtmaaltijd"], calendar.Events.OrderBy(e => e.DtStart!.AsUtc).Select(e => e.Summary));
        var training = calendar.Events.Single(e => e.Summary == "Starttraining");
        Assert.Equal((Utc(2027, 1, 14, 18, 30), Utc(2027, 1, 14, 20, 30)), Instants(training));
        Assert.Equal(0, training.Sequence);

        // The coordinator moves the session: the member hears, and the calendar takes the new time.
        var detail = await Page.GetAsync(admin, $"/beheer/trainingen/{session}");
        var moved = await detail.SubmitAsync(admin, [new("Date", "2027-01-21"), new("Start", "19:00")], "handler=Change");
        Assert.Empty(moved.Errors);
        Assert.Contains("De training is gewijzigd.", moved.Text);
        var mail = (await SignUpJourney.MailToAsync(app, "dh1@voorbeeld.nl")).Last();
        Assert.Equal("Gewijzigd: Starttraining", mail.Subject);
        Assert.Contains("donderdag 21 januari 2027, 19:00–21:30", mail.TextBody);
        training = (await LoadAsync(app.Client(), path)).Events.Single(e => e.Summary == "Starttraining");
        Assert.Equal((Utc(2027, 1, 21, 18, 0), Utc(2027, 1, 21, 20, 30)), Instants(training));
        Assert.Equal(1, training.Sequence);
        // The session's own .ics, for the signed-in member it is for.
        Assert.Equal(Utc(2027, 1, 21, 18, 0), Instants(Assert.Single((await LoadAsync(member, $"/agenda/training/{session}.ics")).Events)).Start);

        // Renewing: the page shows a new address, and the old one is gone.
        page = await (await Page.GetAsync(member, "/meldingen")).SubmitAsync(member, [], "handler=Renew");
        var renewed = new Uri(FeedAddress().Match(page.Html).Value).AbsolutePath;
        Assert.NotEqual(path, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(path)).StatusCode);
        Assert.Equal(2, (await LoadAsync(app.Client(), renewed)).Events.Count);
        // The secret is not stored as such: only its hash finds the feed.
        var stored = await app.WithDbAsync(db => db.CalendarFeeds.SingleAsync());
        Assert.DoesNotContain(renewed.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal), stored.ProtectedToken + stored.TokenHash);
    }
}
