using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Impact;

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

    private static (double Compute, double Views, double Pdf, double Csv, double Excel, double Total, int Pages) Once(ImpactFacts facts, int cities, Texts t, string fontFolder)
    {
        var clock = Stopwatch.StartNew();
        var figures = ImpactFigures.Compute(facts, 2026);
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

    /// <summary>The texts as their keys: the benchmark measures the work, not the resource lookup.</summary>
    private sealed class Texts : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, name + " " + string.Join(" ", arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
