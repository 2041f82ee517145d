using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Year;

/// <summary>Through the year: the diary, the community builder's check-ins, signals for the coordinator, reviews and completion.</summary>
public sealed class YearTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task CheckIn_WithAConcern_RaisesASignalTheCoordinatorFollowsUp(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var m = await YearJourney.MatchedAsync(app);
        var started = await YearJourney.StartYearAsync(m.Builder, m.Group, "2026-11-20");
        Assert.Empty(started.Errors);
        Assert.Equal(GroupStatus.YearTogether, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == m.Group).Select(g => g.Status).SingleAsync()));

        // Week 2 is open (from a week before its date, 4 December); month 3 is not yet.
        var year = await Page.GetAsync(m.Builder, $"/beheer/groepen/{m.Group}/jaar");
        Assert.NotNull(year.Document.QuerySelector($"a[href='/beheer/groepen/{m.Group}/check-in/Newcomer/Week2']"));
        Assert.Null(year.Document.QuerySelector($"a[href='/beheer/groepen/{m.Group}/check-in/Newcomer/Month3']"));
        Assert.Equal(HttpStatusCode.OK, (await m.Builder.GetAsync($"/beheer/groepen/{m.Group}/check-in/Newcomer/Month3")).StatusCode);

        var form = await Page.GetAsync(m.Builder, $"/beheer/groepen/{m.Group}/check-in/Newcomer/Week2");
        var bad = await form.SubmitAsync(m.Builder, ("HeldOn", "2026-11-28"), ("Concerns", "Amal slaapt slecht en durft het de groep niet te zeggen."));
        Assert.Equal(["Kies hoe het gaat, van 1 tot 5."], bad.Errors);
        Assert.Equal("Amal slaapt slecht en durft het de groep niet te zeggen.", bad.Document.QuerySelector("textarea[name='Concerns']")!.TextContent);
        var saved = await bad.SubmitAsync(m.Builder, ("Rating", "2"), ("Needs", "Een huisarts die Arabisch spreekt"));
        Assert.Empty(saved.Errors);
        Assert.Contains("gehouden op 28 nov, 2 van 5", saved.Document.QuerySelector("#check-in-table")!.TextContent);

        // The concern is a signal with a date to follow up by, a week on; the coordinator hears of it, without the concern itself.
        var signal = await app.WithDbAsync(db => db.Signals.SingleAsync());
        Assert.Equal(SignalKind.CheckInConcern, signal.Kind);
        Assert.Equal(new DateOnly(2026, 12, 6), signal.FollowUpBy);
        var mail = (await SignUpJourney.MailToAsync(app, "coordinator@samenhier.nl")).Last();
        Assert.Equal("Een zorg uit een check-in om op te volgen", mail.Subject);
        Assert.DoesNotContain("slaapt", mail.TextBody);

        // Recording the same check-in again is refused.
        var twice = await (await Page.GetAsync(m.Builder, $"/beheer/groepen/{m.Group}/check-in/Newcomer/Week2"))
            .SubmitAsync(m.Builder, ("HeldOn", "2026-11-28"), ("Rating", "4"));
        Assert.NotEmpty(twice.Errors);
        Assert.Equal(1, await app.WithDbAsync(db => db.CheckIns.CountAsync()));

        // Builder and coordinator see the signal; the group's members never do.
        Assert.Contains("Amal slaapt slecht", (await Page.GetAsync(m.Builder, "/beheer/signalen")).Text);
        var signals = await Page.GetAsync(m.Coordinator, "/beheer/signalen");
        Assert.Contains("Amal slaapt slecht", signals.Document.QuerySelector($"#signaal-{signal.Id}")!.TextContent);
        var member = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        foreach (var path in new[] { "/mijn-groep", "/mijn-groep/plan", "/mijn-groep/dagboek" })
        {
            Assert.DoesNotContain("slaapt", await member.GetStringAsync(path));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/beheer/signalen")).StatusCode);

        // The builder may not resolve; the coordinator does, with how it was followed up.
        var notAllowed = (await Page.GetAsync(m.Builder, "/beheer/signalen")).Document.QuerySelector("form[action*='handler=Resolve']");
        Assert.Null(notAllowed);
        var empty = await signals.SubmitAsync(m.Coordinator, [], "handler=Resolve");
        Assert.Equal(["Vul in hoe het signaal is opgevolgd."], empty.Errors);
        var resolved = await empty.SubmitAsync(m.Coordinator, [new("Resolution", "Huisarts met tolk geregeld")], "handler=Resolve");
        Assert.Empty(resolved.Errors);
        Assert.NotNull(await app.WithDbAsync(db => db.Signals.Where(s => s.Id == signal.Id).Select(s => s.ResolvedAt).SingleAsync()));
        Assert.NotNull(resolved.Document.QuerySelector("#no-signals"));
    }

    [Fact]
    public async Task Diary_MemberAddsAnEntryFromTheirPhone_AndTheHoursShowInTheGroupsHealth()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app);
        var members = await YearJourney.MembersAsync(app, m.Group);
        var member = await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl");

        var diary = await Page.GetAsync(member, "/mijn-groep/dagboek");
        Assert.NotNull(diary.Document.QuerySelector("#diary-empty"));
        var bad = await diary.SubmitAsync(member, ("Kind", "LanguagePractice"), ("Hours", "anderhalf"), ("Note", "Boodschappenlijst in het Nederlands"));
        Assert.Equal(["Vul het aantal uur in, bijvoorbeeld 1,5 (tussen een kwartier en 24 uur)."], bad.Errors);
        Assert.Equal("anderhalf", bad.Value("Hours"));
        var saved = await bad.SubmitAsync(member, ("Hours", "1,5"), ("Participants", members[1].ToString()), ("Participants", members[2].ToString()), ("Newcomer", "yes"));
        Assert.Empty(saved.Errors);
        Assert.Contains("Boodschappenlijst in het Nederlands", saved.Document.QuerySelector("#diary-list")!.TextContent);

        var entry = await app.WithDbAsync(db => db.DiaryEntries.Include(e => e.Participants).SingleAsync());
        Assert.Equal(90, entry.Minutes);
        Assert.True(entry.NewcomerTookPart);
        Assert.Equal(2, entry.Participants.Count);

        var year = await Page.GetAsync(m.Coordinator, $"/beheer/groepen/{m.Group}/jaar");
        var rows = year.Document.QuerySelectorAll("#health-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("1.5", rows[1].Replace(',', '.'));
        Assert.Contains("1.5", rows[2].Replace(',', '.'));
        Assert.Contains("Boodschappenlijst", year.Document.QuerySelector("#diary-list")!.TextContent);

        // Only the writer can remove it.
        var otherMember = await MemberJourney.SignInAsync(app, "dh3@voorbeeld.nl");
        Assert.Null((await Page.GetAsync(otherMember, "/mijn-groep/dagboek")).Document.QuerySelector("form[action*='handler=Delete']"));
        var removed = await (await Page.GetAsync(member, "/mijn-groep/dagboek")).SubmitAsync(member, [], "handler=Delete");
        Assert.Contains("Verwijderd uit het dagboek.", removed.Text);
        Assert.Equal(0, await app.WithDbAsync(db => db.DiaryEntries.CountAsync()));
    }

    [Fact]
    public async Task TheYear_FromStartToReviewsAndCompletion_AndMembersBecomeAlumni()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app);
        Assert.Empty((await YearJourney.StartYearAsync(m.Coordinator, m.Group, "2026-11-29")).Errors);
        var member = await MemberJourney.SignInAsync(app, "dh4@voorbeeld.nl");
        var joined = await (await Page.GetAsync(member, "/mijn-groep")).SubmitAsync(member, [], "handler=Alumnus");
        Assert.Contains("U blijft na het jaar betrokken als alumnus", joined.Text);

        // No mid-point review before month 6.
        Assert.Null((await Page.GetAsync(m.Coordinator, $"/beheer/groepen/{m.Group}/jaar")).Document.QuerySelector("form[action*='handler=Review']"));
        app.Time!.Advance(TimeSpan.FromDays(182));
        var staff = await YearJourney.AdminAgainAsync(app, m);
        var year = await Page.GetAsync(staff, $"/beheer/groepen/{m.Group}/jaar");
        var review = await year.SubmitAsync(staff, [new("Going", "Goed: Amal gaat naar de taalschool."), new("Continues", "Taalmaatje via de bibliotheek; maatschappelijk werk voor de post.")], "handler=Review");
        Assert.Empty(review.Errors);
        Assert.Contains("Taalmaatje via de bibliotheek", review.Document.QuerySelector("#review-Midpoint")!.ParentElement!.TextContent);

        // A quiet group raises a signal: nothing recorded since the start.
        Assert.Contains("dagen niets vastgelegd", (await Page.GetAsync(staff, "/beheer/signalen")).Document.QuerySelector("#health-signals")!.TextContent);

        app.Time.Advance(TimeSpan.FromDays(183));
        staff = await YearJourney.AdminAgainAsync(app, m);
        var end = await Page.GetAsync(staff, $"/beheer/groepen/{m.Group}/jaar");
        var completed = await end.SubmitAsync(staff, [], "handler=Complete");
        Assert.Empty(completed.Errors);
        var group = await app.WithDbAsync(db => db.Groups.Include(g => g.Members).SingleAsync(g => g.Id == m.Group));
        Assert.Equal(GroupStatus.Completed, group.Status);
        Assert.All(group.Members, x => Assert.Null(x.ActiveEmail));
        Assert.Equal(["dh4@voorbeeld.nl"], group.Members.Where(x => x.AlumnusSince != null).Select(x => x.Email));
    }

    [Fact]
    public async Task ABuilder_ReachesOnlyTheYearOfTheirOwnGroups()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app);
        var other = await StaffJourney.InviteAsync(app, m.Admin, "andere-bouwer@samenhier.nl", "CommunityBuilder", "den-haag");
        Assert.Equal(HttpStatusCode.OK, (await m.Builder.GetAsync($"/beheer/groepen/{m.Group}/jaar")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/beheer/groepen/{m.Group}/jaar")).StatusCode);
        // A crafted post from the other builder finds nothing.
        var home = await Page.GetAsync(other, "/beheer");
        var antiforgery = home.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var stamp = await app.WithDbAsync(db => db.Groups.Where(g => g.Id == m.Group).Select(g => g.ConcurrencyStamp).SingleAsync());
        var crafted = await other.PostAsync($"/beheer/groepen/{m.Group}/jaar?handler=StartYear",
            new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery), new("Stamp", stamp.ToString()), new("StartDate", "2026-11-29")]));
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Equal(GroupStatus.Matched, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == m.Group).Select(g => g.Status).SingleAsync()));
    }
}
