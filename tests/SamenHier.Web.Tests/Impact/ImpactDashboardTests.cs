using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Impact;
using SamenHier.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace SamenHier.Web.Tests.Impact;

/// <summary>
/// The impact dashboard and report through HTTP on a real database: the figures within the viewer's
/// scope, only answers given with research consent, small numbers hidden, and the report as PDF, CSV
/// and Excel with the same figures.
/// </summary>
public sealed class ImpactDashboardTests
{
    /// <summary>
    /// Almere's 2025 cohort: six groups (five completed, one stopped), thirty members who answered
    /// the contact question at the start with consent (twenty agree) and one who did not consent;
    /// Den Haag: three groups signed up in 2025.
    /// </summary>
    /// <summary>
    /// What four members wrote: two agreed to be quoted (one in Arabic), one did not, and the last
    /// agreed to quoting but not to research use.
    /// </summary>
    private static readonly Dictionary<int, string> Comments = new()
    {
        [0] = "Wij leerden elkaars taal.",
        [1] = "Niet citeren alstublieft.",
        [2] = "شكرا لكم على كل شيء",
        [30] = "Geen onderzoek.",
    };

    internal static async Task SeedAsync(AppFactory app)
    {
        await app.WithDbAsync(async db =>
        {
            var almere = await db.Cities.SingleAsync(c => c.Slug == "almere");
            var denHaag = await db.Cities.SingleAsync(c => c.Slug == "den-haag");
            var member = await db.Questionnaires.SingleAsync(q => q.Key == "member" && q.Version == 1);
            var created = new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero);
            var groups = new List<Group>();
            for (var i = 0; i < 6; i++)
            {
                groups.Add(new Group
                {
                    CityId = almere.Id,
                    SubmissionKey = Guid.NewGuid(),
                    Type = GroupType.Welcome,
                    Status = i == 5 ? GroupStatus.Withdrawn : GroupStatus.Completed,
                    CreatedAt = created,
                    ExpiresAt = created.AddDays(14),
                    MatchedAt = created.AddDays(30),
                    YearStartedOn = new DateOnly(2025, 3, 1),
                });
            }

            for (var i = 0; i < 3; i++)
            {
                groups.Add(new Group { CityId = denHaag.Id, SubmissionKey = Guid.NewGuid(), Type = GroupType.Welcome, Status = GroupStatus.ReadyToMatch, CreatedAt = created, ExpiresAt = created.AddDays(14) });
            }

            db.Groups.AddRange(groups);
            for (var m = 0; m < 31; m++)
            {
                var response = new SurveyResponse
                {
                    Id = Guid.NewGuid(),
                    QuestionnaireId = member.Id,
                    Wave = Wave.Start,
                    GroupId = groups[m % 6].Id,
                    Respondent = $"member:{Guid.NewGuid()}",
                    InvitedAt = created,
                    ResearchConsent = m < 30,
                    QuoteConsent = m != 1,
                };
                response.Answers.Add(new SurveyAnswer { ResponseId = response.Id, ItemKey = "contact", Value = m < 20 ? "4" : "2", SavedAt = created });
                if (Comments.TryGetValue(m, out var comment))
                {
                    response.Answers.Add(new SurveyAnswer { ResponseId = response.Id, ItemKey = "comment", Value = comment, SavedAt = created });
                }
                db.SurveyResponses.Add(response);
                if (m < 10)
                {
                    // Ten of them have already answered the twelve-month questionnaire, which stays open until 1 March 2027.
                    var later = new SurveyResponse
                    {
                        Id = Guid.NewGuid(),
                        QuestionnaireId = member.Id,
                        Wave = Wave.Month12,
                        GroupId = groups[m % 6].Id,
                        Respondent = response.Respondent,
                        InvitedAt = created.AddMonths(12),
                        ResearchConsent = true,
                        QuoteConsent = true,
                    };
                    later.Answers.Add(new SurveyAnswer { ResponseId = later.Id, ItemKey = "recommend", Value = "10", SavedAt = created.AddMonths(12) });
                    later.Answers.Add(new SurveyAnswer { ResponseId = later.Id, ItemKey = "comment", Value = "Na een jaar: nog steeds vrienden.", SavedAt = created.AddMonths(12) });
                    db.SurveyResponses.Add(later);
                }
            }

            await db.SaveChangesAsync();
            return 0;
        });
    }

    private static string[] Row(Page page, string id) =>
        [.. page.Document.QuerySelectorAll($"tr#{id} td").Select(td => td.TextContent.Trim())];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task NationalStaff_SeeTheCountry_WithOnlyConsentedAnswers_AndSmallNumbersHidden(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await SeedAsync(app);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var page = await Page.GetAsync(admin, "/beheer/impact");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Nederland", page.Document.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal(["2025"], page.Document.QuerySelectorAll("tr#signedUp").Length == 1
            ? page.Document.QuerySelectorAll("thead")[0].QuerySelectorAll("th").Skip(1).Select(th => th.TextContent.Trim()).ToArray()
            : []);

        // Twenty of the thirty who consented agree: 67% (with the one who did not consent it would be 65%).
        Assert.Equal(["67%"], Row(page, "contact-start"));
        Assert.Equal(["6"], Row(page, "started"));
        Assert.Equal(["<5"], Row(page, "withdrawn"));
        Assert.Equal(["×"], Row(page, "completionRate"));
        // The 2025 cohort's twelve-month questionnaire can still be answered until 1 March 2027: not yet published.
        Assert.Equal(["nog niet"], Row(page, "recommend-month12"));
        Assert.Equal(["nog niet"], Row(page, "contact-change-month12"));

        // Quotes: only what people agreed to share, having agreed to research use.
        Assert.Equal(["Wij leerden elkaars taal.", "شكرا لكم على كل شيء"], page.Document.QuerySelectorAll("blockquote").Select(q => q.TextContent.Trim()).Order(StringComparer.Ordinal));
        Assert.Equal("Groepslid, bij de start, cohort 2025", page.Document.QuerySelector("figure.sh-quote figcaption")!.TextContent.Trim());

        // National staff may also choose the country and the national activities.
        Assert.Equal(["", "nederland", "almere", "den-haag", "landelijk"], page.Document.QuerySelectorAll("select#Place option").Select(o => o.GetAttribute("value")).Where(v => v is "" or "nederland" or "almere" or "den-haag" or "landelijk"));

        // Den Haag's three sign-ups are "<5", and Almere's six go with them, so the country's 9 gives nothing away.
        var denHaag = await Page.GetAsync(admin, "/beheer/impact?Place=den-haag");
        Assert.Equal(["<5"], Row(denHaag, "signedUp"));
        var almere = await Page.GetAsync(admin, "/beheer/impact?Place=almere");
        Assert.Equal(["×"], Row(almere, "signedUp"));
        Assert.Equal(["9"], Row(page, "signedUp"));

        // Charts are drawn on the server, each with a text alternative and the table as the figures.
        var chart = page.Document.QuerySelector("figure.sh-chart img")!;
        Assert.StartsWith("data:image/svg+xml;base64,", chart.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains("tabel", chart.GetAttribute("alt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACoordinator_SeesTheirCitiesOnly_NotTheCountryNorAnotherCity()
    {
        await using var app = new AppFactory();
        await SeedAsync(app);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");

        var page = await Page.GetAsync(coordinator, "/beheer/impact?Place=almere");
        Assert.Equal("Den Haag", page.Document.QuerySelector("h2")!.TextContent.Trim());
        var options = page.Document.QuerySelectorAll("select#Place option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "den-haag"], options);
        Assert.Empty(Row(page, "contact-start"));

        // Asking the report for Almere or the country gives nothing but a message.
        var report = await Page.GetAsync(coordinator, "/beheer/impact?handler=Report&From=2025&To=2025&Places=almere&Places=nederland&Language=nl&Format=csv");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Contains("Kies ten minste één plaats.", report.Errors);
    }

    [Fact]
    public async Task TheReportAsPdf_InEnglish_HasItsSectionsAndFigures_AndNoNames()
    {
        await using var app = new AppFactory();
        await SeedAsync(app);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var response = await admin.GetAsync("/beheer/impact?handler=Report&From=2025&To=2025&Places=nederland&Places=almere&Language=en&Format=pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        foreach (var expected in new[] { "SamenHier impact report", "Cohorts 2025 to 2025, figures as of 29 November 2026", "About these figures", "The Netherlands", "Almere", "The programme", "Group members", "Groups that began their year" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        // The figures: 67% agree at the start, six groups began, a withdrawal under five.
        Assert.Contains("67%", text, StringComparison.Ordinal);
        Assert.Contains("<5", text, StringComparison.Ordinal);
        Assert.DoesNotContain("65%", text, StringComparison.Ordinal);

        // The quote that may be shared; the Arabic one is counted (PDFsharp cannot join Arabic letters); the others are not there.
        Assert.Contains("In their own words", text, StringComparison.Ordinal);
        Assert.Contains("Wij leerden elkaars taal.", text, StringComparison.Ordinal);
        Assert.Contains("1 more quotes in another script", text, StringComparison.Ordinal);
        Assert.DoesNotContain("citeren", text, StringComparison.Ordinal);
        Assert.DoesNotContain("onderzoek", text, StringComparison.Ordinal);
        Assert.True(pdf.NumberOfPages >= 3);

        var logged = await app.WithDbAsync(db => db.ExportLogs.CountAsync(e => e.What == "impact-report"));
        Assert.Equal(1, logged);
    }

    [Fact]
    public async Task TheFiguresAsCsvAndExcel_AreTheDashboardsFigures()
    {
        await using var app = new AppFactory();
        await SeedAsync(app);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var csv = await admin.GetStringAsync("/beheer/impact?handler=Report&From=2025&To=2025&Places=almere&Language=nl&Format=csv");
        Assert.Contains("\"Almere\";\"Groepsleden\";\"Heeft regelmatig contact met mensen met een andere culturele achtergrond (eens of helemaal eens) — bij de start\";\"2025\";\"67%\";\"30\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"Groepen die tijdens het jaar stopten\";\"2025\";\"<5\"", csv, StringComparison.Ordinal);

        var xlsx = await admin.GetByteArrayAsync("/beheer/impact?handler=Report&From=2025&To=2025&Places=nederland&Places=almere&Language=en&Format=xlsx");
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        Assert.Equal(["About these figures", "The Netherlands", "Almere", "In their own words"], workbook.Worksheets.Select(w => w.Name));
        var quotes = workbook.Worksheet("In their own words").RowsUsed().Skip(1).Select(r => r.Cell(3).GetString()).ToList();
        Assert.Equal(4, quotes.Count); // each of the two quotes, for the country and for Almere
        Assert.Contains("شكرا لكم على كل شيء", quotes);
        var sheet = workbook.Worksheet("Almere");
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString().StartsWith("Regularly has contact", StringComparison.Ordinal) && r.Cell(1).GetString().EndsWith("at the start", StringComparison.Ordinal));
        Assert.Equal(20.0 / 30, row.Cell(2).GetDouble(), 3);
        var withdrawn = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "Groups that stopped during the year");
        Assert.Equal("<5", withdrawn.Cell(2).GetString());
    }

    [Fact]
    public async Task AWrongChoice_ComesBackWithAMessage_AndTheChoicesKept()
    {
        await using var app = new AppFactory();
        await SeedAsync(app);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var page = await Page.GetAsync(admin, "/beheer/impact?handler=Report&From=2025&To=2031&Places=almere&Language=de&Format=doc");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Kies een jaar uit de lijst.", page.Errors);
        Assert.Contains("Kies Nederlands of Engels.", page.Errors);
        Assert.Contains("Kies PDF, CSV of Excel.", page.Errors);
        Assert.NotNull(page.Document.QuerySelector("input[name='Places'][value='almere'][checked]"));
        Assert.Equal("2025", page.Document.QuerySelector("select#From option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task TheResearchExport_HasOnlyConsentedAnswers_UnderIdsThatDoNotCarryOver_AndNoTextThatWasNotShared()
    {
        await using var app = new AppFactory();
        await SeedAsync(app);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var response = await admin.GetAsync("/beheer/impact/onderzoek");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(';').Select(c => c.Trim('"')).ToArray()).ToList();
        Assert.Equal(["respondent", "group", "city", "cohort", "wave", "questionnaire", "version", "role", "age_band", "household_size", "item", "answer"], lines[0]);
        var rows = lines.Skip(1).ToList();

        // Thirty members agreed to research use; the thirty-first and what they wrote are not there.
        Assert.Equal(30, rows.Count(r => r[10] == "contact"));
        Assert.Equal(20, rows.Count(r => r[10] == "contact" && r[11] == "4"));
        Assert.DoesNotContain(rows, r => r[11] == "Geen onderzoek.");
        Assert.Contains(rows, r => r[10] == "comment" && r[11] == "Wij leerden elkaars taal.");
        Assert.Contains(rows, r => r[10] == "comment" && r[11] == "(not shared)");
        Assert.DoesNotContain(rows, r => r[11] == "Niet citeren alstublieft.");
        // The twelve-month answers are not final yet (their wave is still open): not exported.
        Assert.DoesNotContain(rows, r => r[4] != "Start");

        // Almere's 2025 cohort has six groups: named. Ids are 12 hex digits, one per person.
        Assert.All(rows, r => Assert.Equal("almere", r[2]));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{12}$", r[0]));
        Assert.Equal(30, rows.Select(r => r[0]).Distinct().Count());
        Assert.Equal(6, rows.Select(r => r[1]).Distinct().Count());

        // The next export gives everyone other ids, so two exports cannot be joined on them.
        var again = (await admin.GetStringAsync("/beheer/impact/onderzoek")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')[0].Trim('"')).ToHashSet();
        Assert.Empty(rows.Select(r => r[0]).ToHashSet().Intersect(again));
        Assert.Equal(2, await app.WithDbAsync(db => db.ExportLogs.CountAsync(e => e.What == "impact-research" && e.Rows == 33)));
    }

    [Fact]
    public async Task TheFigures_AreWorkedOutAtMostEveryFiveMinutes()
    {
        await using var app = new AppFactory();
        await SeedAsync(app);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        Assert.Equal(["9"], Row(await Page.GetAsync(admin, "/beheer/impact"), "signedUp"));

        await app.WithDbAsync(async db =>
        {
            var denHaag = await db.Cities.SingleAsync(c => c.Slug == "den-haag");
            var created = new DateTimeOffset(2025, 2, 1, 9, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 5; i++)
            {
                db.Groups.Add(new Group { CityId = denHaag.Id, SubmissionKey = Guid.NewGuid(), Type = GroupType.Sponsor, Status = GroupStatus.ReadyToMatch, CreatedAt = created, ExpiresAt = created.AddDays(14) });
            }

            return await db.SaveChangesAsync();
        });
        Assert.Equal(["9"], Row(await Page.GetAsync(admin, "/beheer/impact"), "signedUp"));
        app.Time!.Advance(ImpactFiguresSource.MaxAge);
        Assert.Equal(["14"], Row(await Page.GetAsync(admin, "/beheer/impact"), "signedUp"));
    }

    [Fact]
    public async Task TheResearchExport_NamesNoCity_WhenElsewhereWouldStandForOneSmallCity()
    {
        await using var app = new AppFactory();
        await SeedAsync(app);
        // Two groups of the 2025 cohort in Den Haag, each with an answer: "elsewhere" would be Den Haag.
        await app.WithDbAsync(async db =>
        {
            var denHaag = await db.Cities.SingleAsync(c => c.Slug == "den-haag");
            var member = await db.Questionnaires.SingleAsync(q => q.Key == "member" && q.Version == 1);
            var created = new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 2; i++)
            {
                var group = new Group { CityId = denHaag.Id, SubmissionKey = Guid.NewGuid(), Type = GroupType.Welcome, Status = GroupStatus.Completed, CreatedAt = created, ExpiresAt = created.AddDays(14), YearStartedOn = new DateOnly(2025, 4, 1) };
                db.Groups.Add(group);
                var response = new SurveyResponse { Id = Guid.NewGuid(), QuestionnaireId = member.Id, Wave = Wave.Start, GroupId = group.Id, Respondent = $"member:{Guid.NewGuid()}", InvitedAt = created, ResearchConsent = true };
                response.Answers.Add(new SurveyAnswer { ResponseId = response.Id, ItemKey = "contact", Value = "3", SavedAt = created });
                db.SurveyResponses.Add(response);
            }

            return await db.SaveChangesAsync();
        });
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var rows = (await admin.GetStringAsync("/beheer/impact/onderzoek")).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(';')[2].Trim('"')).ToList();
        Assert.Equal(35, rows.Count);
        Assert.All(rows, city => Assert.Equal(ResearchExportModel.Elsewhere, city));
    }
}
