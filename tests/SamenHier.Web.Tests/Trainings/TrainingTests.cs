using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Trainings;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Trainings;

/// <summary>Coordinators schedule training sessions; members register, with a waiting list that moves up on its own.</summary>
public sealed class TrainingTests
{
    [Fact]
    public async Task Coordinator_SchedulesInDutchTime_AndATimeThatDoesNotExistIsRefused()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        var form = await Page.GetAsync(coordinator, "/beheer/trainingen");

        // 02:30 on the last Sunday of March 2027 does not exist; what was typed stays.
        var gap = await form.SubmitAsync(coordinator, ("Module", "1"), ("City", (await app.WithDbAsync(db => db.Cities.SingleAsync(c => c.Slug == "den-haag"))).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Date", "2027-03-28"), ("Start", "02:30"), ("End", "04:00"), ("Place", "Buurthuis"), ("Capacity", "10"), ("Language", "nl"), ("Trainer", "Ans"));
        Assert.Equal(["Deze tijd bestaat niet op die dag: de klok gaat dan van 02:00 naar 03:00. Kies een andere tijd."], gap.Errors);
        Assert.Equal("02:30", gap.Value("Start"));
        Assert.Equal("Buurthuis", gap.Value("Place"));

        // Winter and summer time: the instants are an hour apart in UTC, the same on the clock.
        var winter = await TrainingJourney.ScheduleAsync(coordinator, app, "2027-01-14", "19:30", 10);
        var summer = await TrainingJourney.ScheduleAsync(coordinator, app, "2027-06-10", "19:30", 10);
        var sessions = await app.WithDbAsync(db => db.TrainingSessions.ToDictionaryAsync(s => s.Id, s => s.StartsAt));
        Assert.Equal(new DateTimeOffset(2027, 1, 14, 18, 30, 0, TimeSpan.Zero), sessions[winter]);
        Assert.Equal(new DateTimeOffset(2027, 6, 10, 17, 30, 0, TimeSpan.Zero), sessions[summer]);
        var list = await Page.GetAsync(coordinator, "/beheer/trainingen");
        Assert.Equal(["14 jan 2027 19:30", "10 jun 2027 19:30"], list.Document.QuerySelectorAll("#sessions tbody time").Select(x => x.TextContent));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task AFullSession_HasAWaitingList_ThatMovesUpWhenSomeoneCancels(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var session = await TrainingJourney.ScheduleAsync(admin, app, "2027-01-14", "19:30", capacity: 1);
        var first = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        var second = await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl");
        var third = await MemberJourney.SignInAsync(app, "dh3@voorbeeld.nl");

        Assert.Contains("U bent aangemeld.", (await TrainingJourney.ActAsync(first, session, "Register")).Text);
        var waiting = await TrainingJourney.ActAsync(second, session, "Register");
        Assert.Contains("u staat op de wachtlijst", waiting.Text);
        Assert.Contains("U staat op de wachtlijst (nummer 1).", waiting.Document.QuerySelector($"#sessie-{session}")!.TextContent);
        Assert.Contains("U staat op de wachtlijst (nummer 2).", (await TrainingJourney.ActAsync(third, session, "Register")).Document.QuerySelector($"#sessie-{session}")!.TextContent);
        Assert.Equal("Op de wachtlijst: Starttraining", (await SignUpJourney.MailToAsync(app, "dh2@voorbeeld.nl")).Last().Subject);

        // The first cancels: the first one waiting gets the place, and hears so; the third moves up.
        await TrainingJourney.ActAsync(first, session, "Cancel");
        Assert.Contains("U bent aangemeld.", (await Page.GetAsync(second, "/mijn-groep/trainingen")).Document.QuerySelector($"#sessie-{session}")!.TextContent);
        Assert.Contains("U staat op de wachtlijst (nummer 1).", (await Page.GetAsync(third, "/mijn-groep/trainingen")).Document.QuerySelector($"#sessie-{session}")!.TextContent);
        var promoted = (await SignUpJourney.MailToAsync(app, "dh2@voorbeeld.nl")).Last();
        Assert.Equal("Er is een plek voor u: Starttraining", promoted.Subject);
        Assert.Contains("donderdag 14 januari 2027, 19:30–21:30", promoted.TextBody);
        Assert.Equal(1, await app.WithDbAsync(db => db.TrainingRegistrations.CountAsync(r => r.SessionId == session && r.Status == RegistrationStatus.Registered)));

        // The coordinator cancels the session: the one with a place and the one waiting both hear, and it leaves the members' list.
        var detail = await Page.GetAsync(admin, $"/beheer/trainingen/{session}");
        var secondName = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.Email == "dh2@voorbeeld.nl").Select(m => m.Name).SingleAsync());
        var onTheSession = Assert.Single(detail.Document.QuerySelectorAll("#registered li"));
        Assert.Contains(secondName, onTheSession.TextContent);
        var cancelled = await detail.SubmitAsync(admin, [], "handler=Cancel");
        Assert.NotNull(cancelled.Document.QuerySelector("#cancelled"));
        foreach (var email in new[] { "dh2@voorbeeld.nl", "dh3@voorbeeld.nl" })
        {
            Assert.Equal("Geannuleerd: Starttraining", (await SignUpJourney.MailToAsync(app, email)).Last().Subject);
        }

        Assert.NotNull((await Page.GetAsync(second, "/mijn-groep/trainingen")).Document.QuerySelector("#no-sessions"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task TwoPlacesFreeingAtOnce_PromoteTwoDifferentPeople_NeverBeyondCapacity(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var session = await TrainingJourney.ScheduleAsync(admin, app, "2027-01-14", "19:30", capacity: 2);
        var members = new List<HttpClient>();
        for (var i = 1; i <= 5; i++)
        {
            var member = await MemberJourney.SignInAsync(app, $"dh{i}@voorbeeld.nl");
            await TrainingJourney.ActAsync(member, session, "Register");
            members.Add(member);
        }

        // Members 1 and 2 have the places; 3, 4 and 5 wait. 1 and 2 cancel at the same moment.
        var pages = await Task.WhenAll(Page.GetAsync(members[0], "/mijn-groep/trainingen"), Page.GetAsync(members[1], "/mijn-groep/trainingen"));
        var posts = pages.Select((page, i) =>
        {
            var form = page.Document.QuerySelectorAll("form[action*='handler=Cancel']").Single(f => f.QuerySelector($"input[value='{session}']") is not null);
            return page.SubmitAsync(members[i], [new("session", session.ToString())], form.GetAttribute("action")!);
        });
        await Task.WhenAll(posts);

        var registrations = await app.WithDbAsync(db => db.TrainingRegistrations.Include(r => r.Member).Where(r => r.SessionId == session).ToListAsync());
        var registered = registrations.Where(r => r.Status == RegistrationStatus.Registered).Select(r => r.Member!.Email).Order().ToList();
        Assert.Equal(["dh3@voorbeeld.nl", "dh4@voorbeeld.nl"], registered);
        Assert.Equal(["dh5@voorbeeld.nl"], registrations.Where(r => r.Status == RegistrationStatus.Waiting).Select(r => r.Member!.Email));
        foreach (var email in new[] { "dh3@voorbeeld.nl", "dh4@voorbeeld.nl" })
        {
            Assert.Single(await SignUpJourney.MailToAsync(app, email), m => m.Subject.StartsWith("Er is een plek voor u", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(await SignUpJourney.MailToAsync(app, "dh5@voorbeeld.nl"), m => m.Subject.StartsWith("Er is een plek voor u", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangingTheNumberOfPlaces_MovesTheWaitingListUp_AndNeverGoesBelowWhatIsTaken()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var session = await TrainingJourney.ScheduleAsync(admin, app, "2027-01-14", "19:30", capacity: 1);
        await TrainingJourney.ActAsync(await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl"), session, "Register");
        await TrainingJourney.ActAsync(await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl"), session, "Register");
        await TrainingJourney.ActAsync(await MemberJourney.SignInAsync(app, "dh3@voorbeeld.nl"), session, "Register");

        // One more place: the first one waiting has it at once, and hears; the time did not change, so nobody hears of a change.
        var detail = await Page.GetAsync(admin, $"/beheer/trainingen/{session}");
        var more = await detail.SubmitAsync(admin, [new("Capacity", "2")], "handler=Change");
        Assert.Empty(more.Errors);
        Assert.Contains("2 van 2", more.Document.QuerySelector("#places")!.TextContent);
        Assert.Single(await SignUpJourney.MailToAsync(app, "dh2@voorbeeld.nl"), m => m.Subject == "Er is een plek voor u: Starttraining");
        Assert.DoesNotContain(await SignUpJourney.MailToAsync(app, "dh3@voorbeeld.nl"), m => m.Subject.StartsWith("Er is een plek", StringComparison.Ordinal));
        Assert.DoesNotContain(await SignUpJourney.MailToAsync(app, "dh1@voorbeeld.nl"), m => m.Subject.StartsWith("Gewijzigd", StringComparison.Ordinal));

        // Fewer places than are taken: refused, what was typed stays.
        var fewer = await more.SubmitAsync(admin, [new("Capacity", "1")], "handler=Change");
        Assert.Equal(["Er hebben al 2 mensen een plek. Kies minstens 2 plaatsen."], fewer.Errors);
        Assert.Equal("1", fewer.Value("Capacity"));
        Assert.Equal(2, await app.WithDbAsync(db => db.TrainingSessions.Where(s => s.Id == session).Select(s => s.Capacity).SingleAsync()));
    }

    [Fact]
    public async Task Attendance_MakesTheGroupsTrainingRecord_AndTheReadinessItemFollowsIt()
    {
        await using var app = new AppFactory();
        var group = await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, key) = await StaffJourney.CreateAdminAsync(app);
        // A welcome group needs: the start training (every member), intercultural communication (2), boundaries (1).
        var start = await TrainingJourney.ScheduleAsync(admin, app, "2026-12-01", "19:30", capacity: 10, module: "start");
        var intercultural = await TrainingJourney.ScheduleAsync(admin, app, "2026-12-02", "19:30", capacity: 10, module: "intercultural");
        var boundaries = await TrainingJourney.ScheduleAsync(admin, app, "2026-12-03", "19:30", capacity: 10, module: "boundaries");
        for (var i = 1; i <= 5; i++)
        {
            var member = await MemberJourney.SignInAsync(app, $"dh{i}@voorbeeld.nl");
            await TrainingJourney.ActAsync(member, start, "Register");
            if (i <= 2)
            {
                await TrainingJourney.ActAsync(member, intercultural, "Register");
            }

            if (i == 1)
            {
                await TrainingJourney.ActAsync(member, boundaries, "Register");
            }
        }

        // Attendance can only be recorded once a session has begun.
        Assert.Null((await Page.GetAsync(admin, $"/beheer/trainingen/{start}")).Document.QuerySelector("form[action*='handler=Attendance']"));
        app.Time!.Advance(TimeSpan.FromDays(5));
        var staff = app.Client();
        Assert.Equal("/beheer", (await StaffJourney.SignInAsync(staff, "admin@samenhier.nl", StaffJourney.Password, key)).Path);

        async Task<Page> RecordAsync(Guid session, params string[] absent)
        {
            var page = await Page.GetAsync(staff, $"/beheer/trainingen/{session}");
            var boxes = page.Document.QuerySelectorAll("input[name='Attended']")
                .Where(b => !absent.Any(a => page.Document.QuerySelector($"label[for='{b.Id}']")!.TextContent.Contains(a, StringComparison.Ordinal)))
                .Select(b => new KeyValuePair<string, string>("Attended", b.GetAttribute("value")!));
            var form = page.Document.QuerySelector("form[action*='handler=Attendance']")!;
            var token = page.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            return await Page.FromAsync(await staff.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. boxes])));
        }

        Assert.Contains("De aanwezigheid is opgeslagen", (await RecordAsync(start)).Text);
        await RecordAsync(intercultural);
        Assert.Null(await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group).Select(g => g.TrainingsDoneAt).SingleAsync()));
        await RecordAsync(boundaries);
        Assert.NotNull(await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group).Select(g => g.TrainingsDoneAt).SingleAsync()));
        Assert.DoesNotContain("Trainingen", (await Page.GetAsync(staff, $"/beheer/groepen/{group}")).Document.QuerySelector("#missing-items")?.TextContent ?? "");

        // One member was not there after all: the record and the readiness item follow.
        var memberName = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.Email == "dh5@voorbeeld.nl").Select(m => m.Name).SingleAsync());
        await RecordAsync(start, memberName);
        Assert.Null(await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group).Select(g => g.TrainingsDoneAt).SingleAsync()));
        Assert.Equal(["TrainingsDone", "TrainingsNotDone"], await app.WithDbAsync(db => db.GroupEvents.Where(e => e.GroupId == group && e.Kind.StartsWith("Trainings")).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync()));
    }
}
