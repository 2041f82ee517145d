using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Impact;
using SamenHier.Web.Features.Year;

namespace SamenHier.Bench;

/// <summary>
/// The impact report for a large synthetic programme: facts for N groups over Y years (five members
/// and a household per group, every questionnaire wave answered, trainings and events), then the
/// figures with their protection, and the report for the country and every city as PDF, CSV and Excel.
/// </summary>
public static class ImpactBench
{
    public static int Run(int groups, int years, int cities, int seed, int repeat, string fontFolder)
    {
        var clock = Stopwatch.StartNew();
        var facts = Facts(groups, years, cities, seed);
        var factsSeconds = clock.Elapsed.TotalSeconds;
        var t = new Texts();
        Once(facts, cities, t, fontFolder); // warm-up
        var runs = new List<(double Compute, double Views, double Pdf, double Csv, double Excel, double Total, int Pages)>();
        for (var r = 0; r < repeat; r++)
        {
            runs.Add(Once(facts, cities, t, fontFolder));
        }

        double Median(Func<(double Compute, double Views, double Pdf, double Csv, double Excel, double Total, int Pages), double> pick) =>
            runs.Select(pick).Order().ElementAt(runs.Count / 2);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"groups={groups} years={years} cities={cities} answers={facts.Answers.Count} facts_seconds={factsSeconds:0.000} "
            + $"compute={Median(x => x.Compute):0.000} views={Median(x => x.Views):0.000} pdf={Median(x => x.Pdf):0.000} csv={Median(x => x.Csv):0.000} "
            + $"excel={Median(x => x.Excel):0.000} total={Median(x => x.Total):0.000} pdf_bytes_pages={runs[0].Pages} peak_mb={process.PeakWorkingSet64 / (1024 * 1024)}");
        return 0;
    }

    /// <summary>
    /// The same programme written to a SQLite database made with the app's migrations (groups,
    /// questionnaire responses and answers, diary entries), then timed: reading the facts with
    /// <see cref="ImpactFacts.LoadAsync"/>, and the whole report from the database onwards.
    /// </summary>
    public static async Task<int> RunDatabaseAsync(int groups, int years, int seed, int repeat, string fontFolder)
    {
        var folder = Directory.CreateTempSubdirectory("samenhier-impact-bench");
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Path.Combine(folder.FullName, "bench.db")}").Options;
        try
        {
            var clock = Stopwatch.StartNew();
            int[] cityIds;
            Dictionary<string, int> questionnaires;
            await using (var db = new SqliteAppDbContext(options))
            {
                await db.Database.MigrateAsync();
                await ReferenceData.EnsureAsync(db, CancellationToken.None);
                await SurveyModel.EnsureAsync(db, CancellationToken.None);
                cityIds = [.. await db.Cities.Select(c => c.Id).OrderBy(c => c).ToListAsync()];
                questionnaires = await db.Questionnaires.ToDictionaryAsync(q => q.Key, q => q.Id);
            }

            var facts = Facts(groups, years, cityIds.Length, seed);
            var answersByGroup = facts.Answers.ToLookup(a => a.GroupId);
            foreach (var chunk in facts.Groups.Chunk(500))
            {
                await using var db = new SqliteAppDbContext(options);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                foreach (var g in chunk)
                {
                    db.Groups.Add(new Group
                    {
                        Id = g.Id,
                        CityId = cityIds[g.CityId - 1],
                        Type = GroupType.Welcome,
                        Status = g.Status,
                        SubmissionKey = Guid.NewGuid(),
                        CreatedAt = new DateTimeOffset(g.SignedUp.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
                        ExpiresAt = new DateTimeOffset(g.SignedUp.AddDays(14).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
                        MatchedAt = g.Matched is { } m ? new DateTimeOffset(m.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero) : null,
                        YearStartedOn = g.Started,
                    });
                    db.DiaryEntries.Add(new DiaryEntry { Id = Guid.NewGuid(), GroupId = g.Id, On = g.Started!.Value, Kind = DiaryKind.Social, Minutes = g.DiaryMinutes, ByName = "Bench", CreatedAt = DateTimeOffset.UnixEpoch });
                    foreach (var response in answersByGroup[g.Id].GroupBy(a => (a.Respondent, a.Wave)))
                    {
                        var r = new SurveyResponse
                        {
                            Id = Guid.NewGuid(),
                            QuestionnaireId = questionnaires[response.First().Questionnaire],
                            Wave = response.Key.Wave,
                            GroupId = g.Id,
                            Respondent = response.Key.Respondent,
                            InvitedAt = DateTimeOffset.UnixEpoch,
                            ResearchConsent = true,
                        };
                        r.Answers.AddRange(response.Select(a => new SurveyAnswer { ResponseId = r.Id, ItemKey = a.Item, Value = a.Value, SavedAt = DateTimeOffset.UnixEpoch }));
                        db.SurveyResponses.Add(r);
                    }
                }

                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
            }

            var seedSeconds = clock.Elapsed.TotalSeconds;
            var time = new FixedTime(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
            var t = new Texts();
            var loads = new List<double>();
            var totals = new List<double>();
            for (var run = 0; run <= repeat; run++)
            {
                clock.Restart();
                await using var db = new SqliteAppDbContext(options);
                var loaded = await ImpactFacts.LoadAsync(db, time, CancellationToken.None);
                var load = clock.Elapsed.TotalSeconds;
                Once(loaded, cityIds.Length, t, fontFolder);
                if (run > 0)
                {
                    // The first run warms up.
                    loads.Add(load);
                    totals.Add(clock.Elapsed.TotalSeconds);
                }
            }

            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"groups={groups} years={years} answers={facts.Answers.Count} seed_seconds={seedSeconds:0.0} "
                + $"load={loads.Order().ElementAt(loads.Count / 2):0.000} total={totals.Order().ElementAt(totals.Count / 2):0.000} peak_mb={process.PeakWorkingSet64 / (1024 * 1024)}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static (double Compute, double Views, double Pdf, double Csv, double Excel, double Total, int Pages) Once(ImpactFacts facts, int cities, Texts t, string fontFolder)
    {
        var clock = Stopwatch.StartNew();
        // The day every wave of the five cohorts has closed: every figure is worked out.
        var figures = ImpactFigures.Compute(facts, new DateOnly(2028, 3, 2));
        var compute = clock.Elapsed.TotalSeconds;
        var places = new List<ImpactPlace> { ImpactView.Build(figures, Places.Netherlands, "Nederland", figures.Years, t) };
        places.AddRange(Enumerable.Range(1, cities).Select(c => ImpactView.Build(figures, c, $"Stad {c}", figures.Years, t)));
        var content = new ImpactReportContent("Impactrapport", "2022–2026", places);
        var views = clock.Elapsed.TotalSeconds - compute;
        var pdf = ImpactReport.Pdf(content, t, fontFolder);
        var pdfSeconds = clock.Elapsed.TotalSeconds - compute - views;
        ImpactReport.Csv(content, t);
        var csvSeconds = clock.Elapsed.TotalSeconds - compute - views - pdfSeconds;
        ImpactReport.Excel(content, t);
        var total = clock.Elapsed.TotalSeconds;
        return (compute, views, pdfSeconds, csvSeconds, total - compute - views - pdfSeconds - csvSeconds, total, pdf.Length / 1024);
    }

    public static ImpactFacts Facts(int groups, int years, int cities, int seed)
    {
        var random = new Random(seed);
        var firstYear = 2027 - years;
        var groupFacts = new List<GroupFact>(groups);
        var answers = new List<AnswerFact>(groups * 60);
        for (var i = 0; i < groups; i++)
        {
            var id = Guid.NewGuid();
            var year = firstYear + (i % years);
            var signedUp = new DateOnly(year, 1, 1).AddDays(random.Next(0, 200));
            var matched = signedUp.AddDays(random.Next(20, 150));
            var started = matched.AddDays(random.Next(10, 60));
            var status = started.Year < 2026 ? (random.Next(10) == 0 ? GroupStatus.Withdrawn : GroupStatus.Completed) : GroupStatus.YearTogether;
            // Cities of very different sizes, as in the programme: a few large ones, many small.
            var city = 1 + (int)(cities * Math.Pow(random.NextDouble(), 2));
            groupFacts.Add(new GroupFact(id, Math.Min(city, cities), status, signedUp, matched, started, random.Next(600, 12000)));
            foreach (var wave in Enum.GetValues<Wave>())
            {
                if (random.Next(5) == 0)
                {
                    continue; // not every wave answered
                }

                var household = $"household:{id:N}";
                answers.Add(new AnswerFact(id, household, wave, "newcomer", "network", random.Next(0, 40).ToString(CultureInfo.InvariantCulture)));
                answers.Add(new AnswerFact(id, household, wave, "newcomer", "dutch", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)));
                answers.Add(new AnswerFact(id, household, wave, "newcomer", "activity", random.Next(3) == 0 ? "none" : "work,course"));
                answers.Add(new AnswerFact(id, household, wave, "newcomer", "home", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)));
                answers.Add(new AnswerFact(id, household, wave, "newcomer", "wellbeing", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)));
                for (var m = 0; m < 5; m++)
                {
                    var member = $"member:{id:N}{m}";
                    answers.Add(new AnswerFact(id, member, wave, "member", "contact", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)));
                    answers.Add(new AnswerFact(id, member, wave, "member", "community", random.Next(1, 6).ToString(CultureInfo.InvariantCulture)));
                    answers.Add(new AnswerFact(id, member, wave, "member", "hours", random.Next(0, 60).ToString(CultureInfo.InvariantCulture)));
                    answers.Add(new AnswerFact(id, member, wave, "member", "stay", random.Next(3) switch { 0 => "yes", 1 => "maybe", _ => "no" }));
                    answers.Add(new AnswerFact(id, member, wave, "member", "recommend", random.Next(0, 11).ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        var trainings = groupFacts.SelectMany(g => Enumerable.Range(0, 5).Select(_ => new TrainingFact(g.CityId, g.SignedUp.Year, random.Next(8) != 0))).ToList();
        var events = groupFacts.Select(g => new EventFact(random.Next(10) == 0 ? Places.NationalActivities : g.CityId, g.Started!.Value.Year, random.Next(1, 6))).ToList();
        return new ImpactFacts(groupFacts, answers, trainings, events);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The texts as their keys: the benchmark measures the work, not the resource lookup.</summary>
    private sealed class Texts : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, name + " " + string.Join(" ", arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
