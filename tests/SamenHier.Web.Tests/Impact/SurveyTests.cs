using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Features.Impact;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Impact;

/// <summary>
/// The questionnaires of the year: sent at the start and after six months to every member and the
/// newcomer, each once; answered a question at a time in the person's language, every answer saved
/// as it is given, consent asked first and on its own.
/// </summary>
public sealed class SurveyTests
{
    private static async Task<int> SendAsync(AppFactory app)
    {
        var sent = 0;
        await app.WithScopeAsync(async services => sent = await services.GetRequiredService<SurveyService>().SendDueAsync(CancellationToken.None));
        return sent;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task AtTheStartOfTheYear_EveryMemberAndTheNewcomerGetTheirQuestionnaireOnce_AndSixMonthsLaterTheNext(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var m = await YearJourney.MatchedAsync(app);
        Assert.Equal(0, await SendAsync(app));
        Assert.Empty((await YearJourney.StartYearAsync(m.Coordinator, m.Group, "2026-11-28")).Errors);

        // Two instances at once: five members and the household, each once.
        var results = await Task.WhenAll(Task.Run(() => SendAsync(app)), Task.Run(() => SendAsync(app)));
        Assert.Equal(6, results.Sum());
        Assert.Equal(0, await SendAsync(app));
        var invite = Assert.Single(await SignUpJourney.MailToAsync(app, "dh2@voorbeeld.nl"), x => x.Subject == "Een korte vragenlijst bij de start");
        Assert.Matches(@"/vragenlijst/[0-9a-f-]{36}", invite.TextBody);
        Assert.Single(await SignUpJourney.MailToAsync(app, "familie@voorbeeld.nl"), x => x.Language == "ar" && x.TextBody.Contains("/vragenlijst/", StringComparison.Ordinal));

        // Six months on, the next wave.
        app.Time!.Advance(TimeSpan.FromDays(183));
        Assert.Equal(6, await SendAsync(app));
        Assert.Equal(2, await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.GroupId == m.Group).Select(r => r.Wave).Distinct().CountAsync()));

        // Completing the year ends the members' active address, not their last questionnaire.
        await app.WithDbAsync(async db =>
        {
            await db.GroupMembers.Where(x => x.GroupId == m.Group).ExecuteUpdateAsync(u => u.SetProperty(x => x.ActiveEmail, (string?)null));
            return await db.Groups.Where(g => g.Id == m.Group).ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, SamenHier.Web.Features.Groups.GroupStatus.Completed));
        });
        app.Time.Advance(TimeSpan.FromDays(183));
        Assert.Equal(6, await SendAsync(app));
        Assert.Single(await SignUpJourney.MailToAsync(app, "dh2@voorbeeld.nl"), x => x.Subject == "Een korte vragenlijst na een jaar");
    }

    [Fact]
    public async Task AnUnfinishedQuestionnaire_IsRemindedAfterAWeekAndAfterThreeWeeks_OnceEach_AndNotOnceAnswered()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app);
        Assert.Empty((await YearJourney.StartYearAsync(m.Coordinator, m.Group, "2026-11-28")).Errors);
        Assert.Equal(6, await SendAsync(app));
        async Task<int> RemindAsync()
        {
            var sent = 0;
            await app.WithScopeAsync(async services => sent = await services.GetRequiredService<SurveyService>().RemindUnansweredAsync(CancellationToken.None));
            return sent;
        }

        // Not before a week.
        app.Time!.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await RemindAsync());

        // One member finishes it; the other four and the household are reminded, each once, also from two instances.
        var finished = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.GroupId == m.Group && r.MemberId != null).Select(r => r.Id).FirstAsync());
        await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Id == finished).ExecuteUpdateAsync(u => u.SetProperty(r => r.CompletedAt, DateTimeOffset.UtcNow)));
        app.Time.Advance(TimeSpan.FromDays(1));
        var results = await Task.WhenAll(Task.Run(RemindAsync), Task.Run(RemindAsync));
        Assert.Equal(5, results.Sum());
        Assert.Equal(0, await RemindAsync());
        var reminder = Assert.Single(await SignUpJourney.MailToAsync(app, "familie@voorbeeld.nl"), x => x.Language == "ar" && x.Subject.StartsWith("تذكير", StringComparison.Ordinal));
        Assert.Matches(@"/vragenlijst/[0-9a-f-]{36}", reminder.TextBody);

        // Three weeks after it was sent: the second and last reminder.
        app.Time.Advance(TimeSpan.FromDays(14));
        Assert.Equal(5, await RemindAsync());
        app.Time.Advance(TimeSpan.FromDays(20));
        Assert.Equal(0, await RemindAsync());
        const string Subject = "Herinnering: uw vragenlijst van Samen Hier";
        var emails = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.GroupId == m.Group && r.MemberId != null)
            .Select(r => new { r.Id, Email = db.GroupMembers.Where(x => x.Id == r.MemberId).Select(x => x.Email).Single() }).ToListAsync());
        Assert.DoesNotContain(await SignUpJourney.MailToAsync(app, emails.Single(e => e.Id == finished).Email), x => x.Subject == Subject);
        Assert.Equal(2, (await SignUpJourney.MailToAsync(app, emails.First(e => e.Id != finished).Email)).Count(x => x.Subject == Subject));
    }

    [Fact]
    public async Task AMember_AnswersAQuestionAtATime_SkipsOne_LeavesHalfway_AndComesBackWhereTheyStopped()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app);
        Assert.Empty((await YearJourney.StartYearAsync(m.Coordinator, m.Group, "2026-11-28")).Errors);
        Assert.Equal(6, await SendAsync(app));
        var member = await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl");
        var id = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.GroupId == m.Group && r.MemberId != null && db.GroupMembers.Any(x => x.Id == r.MemberId && x.Email == "dh2@voorbeeld.nl")).Select(r => r.Id).SingleAsync());

        // It is listed for them, and only they can open it.
        Assert.NotNull((await Page.GetAsync(member, "/meldingen")).Document.QuerySelector($"#open-surveys a[href='/vragenlijst/{id}']"));
        var other = await MemberJourney.SignInAsync(app, "dh3@voorbeeld.nl");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.GetAsync($"/vragenlijst/{id}")).StatusCode);

        // Consent first, on its own: a later question cannot be reached before it.
        Assert.Null((await Page.GetAsync(member, $"/vragenlijst/{id}/3")).Document.QuerySelector("#survey-progress"));
        var page = await Page.GetAsync(member, $"/vragenlijst/{id}");
        Assert.Equal(["Kies ja of nee."], (await page.SubmitAsync(member, [])).Errors);
        page = await page.SubmitAsync(member, [new("Consent", "yes")]);
        Assert.Equal("Vraag 1 van 6", page.Document.QuerySelector("#survey-progress")!.TextContent);
        Assert.Contains("Ik heb regelmatig contact met mensen met een andere culturele achtergrond.", page.Text);

        page = await page.SubmitAsync(member, [new("Answer", "4")]);
        page = await page.SubmitAsync(member, [new("skip", "1")]);
        // A number out of range is refused, what was typed stays.
        var wrong = await page.SubmitAsync(member, [new("Answer", "veel")]);
        Assert.Equal(["Vul een getal in van 0 tot en met 300, of sla de vraag over."], wrong.Errors);
        Assert.Equal("veel", wrong.Value("Answer"));
        page = await wrong.SubmitAsync(member, [new("Answer", "12")]);
        Assert.Equal("Vraag 4 van 6", page.Document.QuerySelector("#survey-progress")!.TextContent);

        // Leaving now loses nothing: opening it again goes on at question 4.
        var again = await Page.GetAsync(member, $"/vragenlijst/{id}");
        Assert.Equal("Vraag 4 van 6", again.Document.QuerySelector("#survey-progress")!.TextContent);
        again = await again.SubmitAsync(member, [new("Answer", "yes")]);
        again = await again.SubmitAsync(member, [new("Answer", "9")]);
        // The free-text question asks whether it may be quoted; they agree.
        Assert.Contains("Mogen we dit citeren?", again.Text);
        var done = await again.SubmitAsync(member, [new("Answer", "Mooi om te doen."), new("Quote", "yes")]);
        Assert.Contains("Dank u wel!", done.Document.QuerySelector("#survey-done")!.TextContent);

        var response = await app.WithDbAsync(db => db.SurveyResponses.Include(r => r.Answers).SingleAsync(r => r.Id == id));
        Assert.True(response.ResearchConsent);
        Assert.True(response.QuoteConsent);
        Assert.NotNull(response.CompletedAt);
        Assert.Equal(
            ["comment=Mooi om te doen.", "community=(skipped)", "contact=4", "hours=12", "recommend=9", "stay=yes"],
            response.Answers.OrderBy(a => a.ItemKey, StringComparer.Ordinal).Select(a => $"{a.ItemKey}={(a.Skipped ? "(skipped)" : a.Value)}"));
        Assert.Null((await Page.GetAsync(member, "/meldingen")).Document.QuerySelector("#open-surveys"));
    }

    [Fact]
    public async Task AQuestionnaire_ClosesSixtyDaysAfterItsDate_WhatWasAnsweredStays_AndNothingMoreIsTaken()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app);
        Assert.Empty((await YearJourney.StartYearAsync(m.Coordinator, m.Group, "2026-11-28")).Errors);
        Assert.Equal(6, await SendAsync(app));
        var member = await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl");
        var id = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.GroupId == m.Group && r.MemberId != null && db.GroupMembers.Any(x => x.Id == r.MemberId && x.Email == "dh2@voorbeeld.nl")).Select(r => r.Id).SingleAsync());
        var page = await Page.GetAsync(member, $"/vragenlijst/{id}");
        page = await page.SubmitAsync(member, [new("Consent", "yes")]);
        await page.SubmitAsync(member, [new("Answer", "4")]);

        // The start questionnaire of 28 November can be answered until 27 January, the last evening included.
        app.Time!.Advance(TimeSpan.FromDays(59) + TimeSpan.FromHours(13.75));
        member = await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl");
        page = await Page.GetAsync(member, $"/vragenlijst/{id}");
        Assert.Equal("Vraag 2 van 6", page.Document.QuerySelector("#survey-progress")!.TextContent);

        // Midnight passes while the page is open (23:45 → 00:05, within the session's 30 idle minutes):
        // the answer sent then is not taken, and they are told why.
        app.Time.Advance(TimeSpan.FromMinutes(20));
        var closed = await page.SubmitAsync(member, [new("Answer", "5")]);
        Assert.Contains("gesloten sinds 27 januari 2027", closed.Document.QuerySelector("#survey-closed")!.TextContent, StringComparison.Ordinal);
        Assert.Null(closed.Document.QuerySelector("#survey-progress"));
        var response = await app.WithDbAsync(db => db.SurveyResponses.Include(r => r.Answers).SingleAsync(r => r.Id == id));
        Assert.Equal(["contact=4"], response.Answers.Select(a => $"{a.ItemKey}={a.Value}"));
        Assert.Null(response.CompletedAt);
        Assert.NotNull((await Page.GetAsync(member, $"/vragenlijst/{id}/2")).Document.QuerySelector("#survey-closed"));
        Assert.Null((await Page.GetAsync(member, "/meldingen")).Document.QuerySelector("#open-surveys"));
    }

    [Fact]
    public async Task TheNewcomer_AnswersInTheirOwnLanguage()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app);
        Assert.Empty((await YearJourney.StartYearAsync(m.Coordinator, m.Group, "2026-11-28")).Errors);
        Assert.Equal(6, await SendAsync(app));
        var newcomer = await MemberJourney.SignInAsync(app, "familie@voorbeeld.nl", "/nieuwkomer");
        var id = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.HouseholdId == m.Household).Select(r => r.Id).SingleAsync());
        var page = await Page.GetAsync(newcomer, $"/vragenlijst/{id}");
        Assert.Equal("ar", page.Document.DocumentElement.GetAttribute("lang"));
        page = await page.SubmitAsync(newcomer, [new("Consent", "no")]);
        // The first question: how many people they can ask for help, in Arabic, with a number.
        Assert.Equal("ar", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.Document.QuerySelector("input[name='Answer'][inputmode='numeric']"));
        // Typed on an Arabic keyboard.
        page = await page.SubmitAsync(newcomer, [new("Answer", "٧")]);
        // A statement on the agreement scale, its five answers in Arabic.
        Assert.Equal(5, page.Document.QuerySelectorAll("input[name='Answer'][type='radio']").Length);
        Assert.Contains("أوافق بشدة", page.Text);
        Assert.Contains("أستطيع أن أتدبّر أموري باللغة الهولندية.", page.Text);
        page = await page.SubmitAsync(newcomer, [new("Answer", "3")]);
        var multiple = page.Document.QuerySelectorAll("input[name='Choices']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["work", "study", "volunteering", "course", "none"], multiple);
        await page.SubmitAsync(newcomer, [new("Choices", "course"), new("Choices", "volunteering")]);
        var answers = await app.WithDbAsync(db => db.SurveyAnswers.Where(a => a.ResponseId == id).OrderBy(a => a.ItemKey).Select(a => a.ItemKey + "=" + a.Value).ToListAsync());
        Assert.Equal(["activity=volunteering,course", "dutch=3", "network=7"], answers);
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Id == id).Select(r => r.ResearchConsent!.Value).SingleAsync()));
    }
}
