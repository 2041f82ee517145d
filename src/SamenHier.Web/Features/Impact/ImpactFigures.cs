using System.Globalization;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.Impact;

/// <summary>What kind of number an indicator is.</summary>
public enum Measure
{
    /// <summary>A count of groups, people or registrations.</summary>
    Count,

    /// <summary>A median number of days.</summary>
    Days,

    /// <summary>A share, 0–1, shown as a percentage.</summary>
    Share,

    /// <summary>A mean on the 1–5 scale.</summary>
    Mean,

    /// <summary>A median of a number people gave.</summary>
    Median,

    /// <summary>A net promoter score, −100 to 100.</summary>
    Nps,

    /// <summary>Hours.</summary>
    Hours,

    /// <summary>A change between the start and twelve months, per person.</summary>
    Change,
}

/// <summary>
/// One indicator (docs/impact-indicators.md): its key (texts <c>Impact_{Key}</c>), the part of the
/// report it belongs to, and for questionnaire figures the wave.
/// </summary>
public sealed record IndicatorDef(string Key, string Section, Measure Measure, Wave? Wave = null)
{
    /// <summary>A stable id for files and anchors, e.g. "dutch-month6".</summary>
    public string Id => Wave is { } w ? $"{Key.Replace('.', '-')}-{w.ToString().ToLowerInvariant()}" : Key.Replace('.', '-');
}

/// <summary>
/// A figure for one place and year, as it may leave the system: its value only when
/// <see cref="Visibility"/> is shown, and the number of groups, people or answers it stands on.
/// </summary>
public readonly record struct Figure(double Value, Visibility Visibility, long N, Visibility NVisibility)
{
    public bool IsShown => Visibility == Visibility.Shown;
}

/// <summary>The places a figure can be for: a city (its id), activities organised nationally, or the whole country.</summary>
public static class Places
{
    public const int Netherlands = -1;
    public const int NationalActivities = 0;
}

/// <summary>
/// Every impact figure per place and year, computed from <see cref="ImpactFacts"/> and protected
/// (<see cref="DisclosureTable"/>) before anything is read from it. A place without anyone in it in a
/// year has no figure (there is no one to count); every other figure is there, hidden or shown.
/// </summary>
public sealed class ImpactFigures
{
    public const string Programme = "programme";
    public const string Newcomers = "newcomers";
    public const string Members = "members";

    private readonly Dictionary<(string Id, int Year, int Place), Figure> _figures = [];

    private ImpactFigures(IReadOnlyList<int> years, IReadOnlyList<IndicatorDef> indicators)
    {
        Years = years;
        Indicators = indicators;
    }

    /// <summary>The years with any fact, first to last, none missing in between.</summary>
    public IReadOnlyList<int> Years { get; }

    public IReadOnlyList<IndicatorDef> Indicators { get; }

    /// <summary>What people agreed may be quoted, with the city and cohort of their group, in a fixed order.</summary>
    public IReadOnlyList<(int City, int Year, Wave Wave, SurveyAudience Audience, string Text)> Quotes { get; private set; } = [];

    public Figure? Get(IndicatorDef indicator, int year, int place) =>
        _figures.TryGetValue((indicator.Id, year, place), out var f) ? f : null;

    /// <summary>The day the figures were worked out for: questionnaire figures only of waves closed by then.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>
    /// For a questionnaire figure of a cohort whose wave is still open: the first day it is published
    /// (see <see cref="PublishedFrom"/>); null for every other figure.
    /// </summary>
    public DateOnly? PendingUntil(IndicatorDef indicator, int year) =>
        indicator.Wave is { } wave && PublishedFrom(year, wave) is var from && from > Today ? from : null;

    /// <summary>
    /// The first day a cohort's figures from a questionnaire wave are published: the day after the wave
    /// has closed for every group of the cohort (the last group of the year started on 31 December;
    /// its wave closes <see cref="SurveyService.SendWindowDays"/> days after its date). No answer can be
    /// given after that, so the figures no longer change, and comparing them before and after one more
    /// answer cannot tell anyone's answer.
    /// </summary>
    public static DateOnly PublishedFrom(int cohort, Wave wave) =>
        SurveyService.ClosesOn(new DateOnly(cohort, 12, 31), wave).AddDays(1);

    public IndicatorDef Indicator(string key, Wave? wave = null) => Indicators.Single(i => i.Key == key && i.Wave == wave);

    /// <summary>The questionnaire items that become indicators, and how (docs/impact-indicators.md).</summary>
    private static readonly (string Questionnaire, string Item, string Section, ItemUse Use)[] SurveyItems =
    [
        ("newcomer", "network", Newcomers, ItemUse.Median),
        ("newcomer", "dutch", Newcomers, ItemUse.Likert),
        ("newcomer", "activity", Newcomers, ItemUse.Active),
        ("newcomer", "home", Newcomers, ItemUse.Likert),
        ("newcomer", "wellbeing", Newcomers, ItemUse.Likert),
        ("member", "contact", Members, ItemUse.Likert),
        ("member", "community", Members, ItemUse.Likert),
        ("member", "hours", Members, ItemUse.Median),
        ("member", "stay", Members, ItemUse.Yes),
        ("member", "recommend", Members, ItemUse.Nps),
    ];

    /// <summary>Items whose change from the start to twelve months is an indicator of its own.</summary>
    private static readonly (string Questionnaire, string Item, string Section, Measure Measure)[] Changes =
    [
        ("newcomer", "network", Newcomers, Measure.Median),
        ("member", "contact", Members, Measure.Mean),
    ];

    private enum ItemUse
    {
        Median,
        Likert,
        Active,
        Yes,
        Nps,
    }

    public static IReadOnlyList<IndicatorDef> Definitions { get; } = BuildDefinitions();

    private static List<IndicatorDef> BuildDefinitions()
    {
        var list = new List<IndicatorDef>
        {
            new("signedUp", Programme, Measure.Count),
            new("matched", Programme, Measure.Count),
            new("daysToMatch", Programme, Measure.Days),
            new("started", Programme, Measure.Count),
            new("daysToStart", Programme, Measure.Days),
            new("completed", Programme, Measure.Count),
            new("withdrawn", Programme, Measure.Count),
            new("completionRate", Programme, Measure.Share),
            new("withdrawals", Programme, Measure.Count),
        };
        list.AddRange(Enum.GetValues<WithdrawalReason>().Select(r => new IndicatorDef($"withdrawnFor.{r}", Programme, Measure.Count)));
        list.AddRange(new List<IndicatorDef>
        {
            new("diaryHours", Programme, Measure.Hours),
            new("diaryHoursPerGroup", Programme, Measure.Hours),
            new("trainingAttendance", Programme, Measure.Share),
            new("eventPeople", Programme, Measure.Count),
        });
        foreach (var section in new[] { Newcomers, Members })
        {
            foreach (var wave in Enum.GetValues<Wave>())
            {
                foreach (var (_, item, s, use) in SurveyItems.Where(i => i.Section == section))
                {
                    list.Add(new IndicatorDef(item, s, use switch
                    {
                        ItemUse.Median => Measure.Median,
                        ItemUse.Nps => Measure.Nps,
                        _ => Measure.Share,
                    }, wave));
                    if (use == ItemUse.Likert)
                    {
                        list.Add(new IndicatorDef(item + ".mean", s, Measure.Mean, wave));
                    }
                }
            }

            foreach (var (_, item, s, measure) in Changes.Where(c => c.Section == section))
            {
                list.Add(new IndicatorDef(item + ".change", s, Measure.Change, Wave.Month12));
            }
        }

        return list;
    }

    /// <summary>The figures as they stand on <paramref name="today"/>: the years up to its year, and the questionnaire waves closed by then.</summary>
    public static ImpactFigures Compute(ImpactFacts facts, DateOnly today)
    {
        var lastYear = today.Year;
        var groups = facts.Groups;
        var allYears = groups.Select(g => g.SignedUp.Year)
            .Concat(groups.Where(g => g.Started is not null).Select(g => g.Started!.Value.Year))
            .Concat(facts.Trainings.Select(t => t.Year))
            .Concat(facts.Events.Select(e => e.Year))
            .Where(y => y <= lastYear)
            .ToList();
        var years = allYears.Count == 0 ? [] : Enumerable.Range(allYears.Min(), allYears.Max() - allYears.Min() + 1).ToList();
        var result = new ImpactFigures(years, Definitions) { Today = today };

        foreach (var year in years)
        {
            result.ProgrammeYear(facts, year);
        }

        result.SurveyFigures(facts, years);
        var cohorts = facts.Groups.Where(g => g.Started is not null).ToDictionary(g => g.Id, g => (g.CityId, g.Started!.Value.Year));
        result.Quotes = [.. (facts.Quotes ?? [])
            .Where(q => cohorts.TryGetValue(q.GroupId, out var c) && PublishedFrom(c.Year, q.Wave) <= today)
            .Select(q => (cohorts[q.GroupId].CityId, cohorts[q.GroupId].Year, q.Wave, q.Audience, q.Text))
            .OrderBy(q => q.Year).ThenBy(q => q.Wave).ThenBy(q => q.Audience).ThenBy(q => q.Text, StringComparer.Ordinal)];
        return result;
    }

    private void ProgrammeYear(ImpactFacts facts, int year)
    {
        // Groups that signed up in the year.
        var signedUp = facts.Groups.Where(g => g.SignedUp.Year == year).ToLookup(g => g.CityId);
        var table = Table(signedUp.ToDictionary(g => g.Key, g => new long[] { g.Count() }));
        EmitCount(Indicator("signedUp"), year, table, 0);

        // Groups matched in the year, and how long they had waited since signing up.
        var matched = facts.Groups.Where(g => g.Matched?.Year == year).ToLookup(g => g.CityId);
        table = Table(matched.ToDictionary(g => g.Key, g => new long[] { g.Count() }));
        EmitCount(Indicator("matched"), year, table, 0);
        EmitStatistic(Indicator("daysToMatch"), year, table, place =>
            Median(Pick(matched, place).Select(g => (double)(g.Matched!.Value.DayNumber - g.SignedUp.DayNumber))));

        // The cohort: groups whose year together started in the year, and how it ended.
        var cohort = facts.Groups.Where(g => g.Started?.Year == year).ToLookup(g => g.CityId);
        table = Table(cohort.ToDictionary(g => g.Key, g => new long[]
        {
            g.Count(x => x.Status == GroupStatus.Completed),
            g.Count(x => x.Status == GroupStatus.Withdrawn),
            g.Count(x => x.Status is not GroupStatus.Completed and not GroupStatus.Withdrawn),
        }));
        EmitCount(Indicator("started"), year, table, table.Columns);
        EmitCount(Indicator("completed"), year, table, 0);
        EmitCount(Indicator("withdrawn"), year, table, 1);
        EmitShare(Indicator("completionRate"), year, table, [0], [0, 1]);
        EmitStatistic(Indicator("daysToStart"), year, table, place =>
            Median(Pick(cohort, place).Where(g => g.Matched is not null).Select(g => (double)(g.Started!.Value.DayNumber - g.Matched!.Value.DayNumber))));
        EmitStatistic(Indicator("diaryHours"), year, table, place => Pick(cohort, place).Sum(g => g.DiaryMinutes) / 60.0);
        EmitStatistic(Indicator("diaryHoursPerGroup"), year, table, place => Median(Pick(cohort, place).Select(g => g.DiaryMinutes / 60.0)));

        // Groups that stopped in the year, at any stage, by reason (one not recorded counts as "other").
        var reasons = Enum.GetValues<WithdrawalReason>();
        var withdrawn = facts.Groups.Where(g => g.Status == GroupStatus.Withdrawn && g.Withdrawn?.Year == year).ToLookup(g => g.CityId);
        table = Table(withdrawn.ToDictionary(g => g.Key, g => reasons.Select(r => (long)g.Count(x => (x.WithdrawnFor ?? WithdrawalReason.Other) == r)).ToArray()));
        EmitCount(Indicator("withdrawals"), year, table, table.Columns);
        for (var i = 0; i < reasons.Length; i++)
        {
            EmitCount(Indicator($"withdrawnFor.{reasons[i]}"), year, table, i);
        }

        // Training registrations with attendance recorded, in the year of the session. A few people at
        // many sessions make many registrations: a place where fewer than five people registered is
        // hidden from the start (and the country, when it has fewer than five).
        var trainings = facts.Trainings.Where(t => t.Year == year).ToLookup(t => t.CityId);
        var fewPeople = trainings.Where(g => DistinctPeople(g.Select(t => t.Person)) < DisclosureTable.Threshold).Select(g => g.Key)
            .Concat(DistinctPeople(trainings.SelectMany(g => g).Select(t => t.Person)) < DisclosureTable.Threshold ? [Places.Netherlands] : [])
            .ToHashSet();
        table = Table(trainings.ToDictionary(g => g.Key, g => new long[] { g.Count(t => t.Attended), g.Count(t => !t.Attended) }), fewPeople);
        EmitShare(Indicator("trainingAttendance"), year, table, [0], [0, 1]);

        // People who said they would come to an event that took place: protected as the number of
        // households that answered (one household at many events counts once), the people shown with it.
        var events = facts.Events.Where(e => e.Year == year).ToLookup(e => e.CityId);
        table = Table(events.ToDictionary(g => g.Key, g => new long[] { DistinctPeople(g.Select(e => e.Household)) }));
        EmitStatistic(Indicator("eventPeople"), year, table, place => Pick(events, place).Sum(e => e.People));
    }

    private void SurveyFigures(ImpactFacts facts, IReadOnlyList<int> years)
    {
        var cohortOf = facts.Groups.Where(g => g.Started is not null).ToDictionary(g => g.Id, g => (g.CityId, g.Started!.Value.Year));
        var wanted = years.ToHashSet();
        var answers = facts.Answers
            .Where(a => cohortOf.TryGetValue(a.GroupId, out var c) && wanted.Contains(c.Year))
            .ToLookup(a => (a.Questionnaire, a.Item));

        // The items of one questionnaire, wave and cohort count (nearly) the same people: where one
        // item's number of answers for a place is hidden, it is hidden in every item, and the tables
        // are protected again until they agree, so one cannot be set against another.
        var byCell = answers.SelectMany(g => g).ToLookup(a => (a.Questionnaire, a.Item, a.Wave, cohortOf[a.GroupId].Year));
        foreach (var questionnaire in SurveyItems.Select(i => i.Questionnaire).Distinct())
        {
            var items = SurveyItems.Where(i => i.Questionnaire == questionnaire).ToList();
            foreach (var wave in Enum.GetValues<Wave>())
            {
                foreach (var year in years.Where(y => PublishedFrom(y, wave) <= Today))
                {
                    var parts = items.Select(i => ItemPart(i.Item, i.Use, wave, year, byCell[(questionnaire, i.Item, wave, year)].ToLookup(a => cohortOf[a.GroupId].CityId))).ToList();
                    var hiddenN = new HashSet<int>();
                    List<Placed> tables;
                    while (true)
                    {
                        tables = [.. parts.Select(p => Table(p.Cells, hiddenN))];
                        var hidden = tables.SelectMany(t => Rows(t).Where(x => !t.Table.IsShown(x.Row, t.Columns)).Select(x => x.Place)).ToHashSet();
                        if (hidden.IsSubsetOf(hiddenN))
                        {
                            break;
                        }

                        hiddenN.UnionWith(hidden);
                    }

                    for (var i = 0; i < parts.Count; i++)
                    {
                        parts[i].Emit(tables[i]);
                    }
                }
            }
        }

        // Change per person between the start and twelve months: only people who answered both.
        foreach (var (questionnaire, item, _, measure) in Changes)
        {
            var indicator = Indicator(item + ".change", Wave.Month12);
            var pairs = answers[(questionnaire, item)]
                .GroupBy(a => (a.GroupId, a.Respondent))
                .Select(g => (g.Key.GroupId,
                    Start: g.Where(a => a.Wave == Wave.Start).Select(a => Number(a.Value)).FirstOrDefault(),
                    End: g.Where(a => a.Wave == Wave.Month12).Select(a => Number(a.Value)).FirstOrDefault()))
                .Where(p => p.Start is not null && p.End is not null)
                .Select(p => (City: cohortOf[p.GroupId].CityId, Year: cohortOf[p.GroupId].Year, Change: (double)(p.End!.Value - p.Start!.Value)))
                .ToList();
            foreach (var year in years.Where(y => PublishedFrom(y, Wave.Month12) <= Today))
            {
                var perCity = pairs.Where(p => p.Year == year).ToLookup(p => p.City, p => p.Change);
                var table = Table(perCity.ToDictionary(c => c.Key, c => new long[] { c.Count() }));
                Func<IEnumerable<double>, double?> statistic = measure == Measure.Median ? Median : Mean;
                EmitStatistic(indicator, year, table, place => statistic(place == Places.Netherlands ? pairs.Where(p => p.Year == year).Select(p => p.Change) : perCity[place]));
            }
        }
    }

    /// <summary>One item's table cells per place, and how its figures are read from the protected table.</summary>
    private sealed record Part(Dictionary<int, long[]> Cells, Action<Placed> Emit);

    private Part ItemPart(string item, ItemUse use, Wave wave, int year, ILookup<int, AnswerFact> perCity)
    {
        var indicator = Indicator(item, wave);
        switch (use)
        {
            case ItemUse.Median:
                {
                    var values = perCity.ToDictionary(c => c.Key, c => Numbers(c).ToList());
                    return new Part(
                        values.Where(v => v.Value.Count > 0).ToDictionary(v => v.Key, v => new long[] { v.Value.Count }),
                        table => EmitStatistic(indicator, year, table, place => Median(place == Places.Netherlands ? values.Values.SelectMany(v => v) : values.GetValueOrDefault(place) ?? [])));
                }

            case ItemUse.Likert:
                {
                    var values = perCity.ToDictionary(c => c.Key, c => Numbers(c).Where(v => v is >= 1 and <= 5).ToList());
                    return new Part(
                        values.Where(v => v.Value.Count > 0).ToDictionary(v => v.Key, v => new long[] { v.Value.Count(x => x >= 4), v.Value.Count(x => x < 4) }),
                        table =>
                        {
                            EmitShare(indicator, year, table, [0], [0, 1]);
                            // A mean of 5.0 or 1.0 would tell the agree / not-agree split: shown only with both.
                            EmitStatistic(Indicator(item + ".mean", wave), year, table, place =>
                                Mean(place == Places.Netherlands ? values.Values.SelectMany(v => v) : values.GetValueOrDefault(place) ?? []), everyCategory: true);
                        });
                }

            case ItemUse.Active:
                return new Part(
                    perCity.ToDictionary(c => c.Key, c => new long[] { c.Count(a => IsActive(a.Value)), c.Count(a => !IsActive(a.Value)) }),
                    table => EmitShare(indicator, year, table, [0], [0, 1]));

            case ItemUse.Yes:
                return new Part(
                    perCity.ToDictionary(c => c.Key, c => new long[] { c.Count(a => a.Value == "yes"), c.Count(a => a.Value != "yes") }),
                    table => EmitShare(indicator, year, table, [0], [0, 1]));

            default:
                {
                    var values = perCity.ToDictionary(c => c.Key, c => Numbers(c).Where(v => v is >= 0 and <= 10).ToList());
                    return new Part(
                        values.Where(v => v.Value.Count > 0).ToDictionary(v => v.Key, v => new long[] { v.Value.Count(x => x >= 9), v.Value.Count(x => x is 7 or 8), v.Value.Count(x => x <= 6) }),
                        table => EmitNps(indicator, year, table));
                }
        }
    }

    private static bool IsActive(string value) =>
        value.Split(',').Any(o => o is "work" or "study" or "volunteering");

    private static IEnumerable<int> Numbers(IEnumerable<AnswerFact> answers) =>
        answers.Select(a => Number(a.Value)).Where(v => v is not null).Select(v => v!.Value);

    private static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static IEnumerable<T> Pick<T>(ILookup<int, T> byCity, int place) =>
        place == Places.Netherlands ? byCity.SelectMany(g => g) : byCity[place];

    /// <summary>How many different people (or households): each id once, each unknown one on its own.</summary>
    private static long DistinctPeople(IEnumerable<Guid?> ids)
    {
        var list = ids.ToList();
        return list.Where(i => i is not null).Distinct().Count() + list.Count(i => i is null);
    }

    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double? Median(IEnumerable<int> values) => Median(values.Select(v => (double)v));

    private static double? Mean(IEnumerable<int> values) => Mean(values.Select(v => (double)v));

    private static double? Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list.Average();
    }

    /// <summary>A protected table and the places of its rows (cities in order of id, national activities first).</summary>
    private sealed record Placed(DisclosureTable Table, IReadOnlyList<int> Places)
    {
        public int Columns => Table.Columns;
    }

    private static Placed Table(Dictionary<int, long[]> rows, HashSet<int>? hiddenTotals = null)
    {
        // A place with no one in it has no row: it has no figure rather than a zero.
        var places = rows.Where(r => r.Value.Sum() > 0).Select(r => r.Key).Order().ToList();
        var width = rows.Count == 0 ? 1 : rows.Values.First().Length;
        var cells = new long[places.Count, width];
        for (var r = 0; r < places.Count; r++)
        {
            for (var c = 0; c < width; c++)
            {
                cells[r, c] = rows[places[r]][c];
            }
        }

        // Places whose total must be hidden from the start (the country: the total row).
        var hidden = hiddenTotals is null ? null
            : places.Select((p, i) => (p, i)).Where(x => hiddenTotals.Contains(x.p)).Select(x => x.i)
                .Concat(hiddenTotals.Contains(Places.Netherlands) ? [places.Count] : []).ToHashSet();
        return new Placed(new DisclosureTable(cells, everyRowHasSomeone: true, hiddenTotals: hidden), places);
    }

    /// <summary>Each row of the table as a place, the total row as the country.</summary>
    private static IEnumerable<(int Row, int Place)> Rows(Placed table) =>
        table.Places.Count == 0 ? [] : table.Places.Select((p, i) => (i, p)).Append((table.Table.Rows, Places.Netherlands));

    private void Put(IndicatorDef indicator, int year, int place, Figure figure) => _figures[(indicator.Id, year, place)] = figure;

    private void EmitCount(IndicatorDef indicator, int year, Placed table, int column)
    {
        var n = table.Columns;
        foreach (var (row, place) in Rows(table))
        {
            Put(indicator, year, place, new Figure(
                table.Table.Value(row, column),
                table.Table.VisibilityOf(row, column),
                table.Table.Value(row, n),
                table.Table.VisibilityOf(row, n)));
        }
    }

    /// <summary>A share of some categories in others: shown only when every category it is made of is shown.</summary>
    private void EmitShare(IndicatorDef indicator, int year, Placed table, int[] part, int[] whole)
    {
        foreach (var (row, place) in Rows(table))
        {
            var of = whole.Sum(c => table.Table.Value(row, c));
            var shown = whole.All(c => table.Table.IsShown(row, c)) && of > 0;
            var hidden = whole.Select(c => table.Table.VisibilityOf(row, c)).FirstOrDefault(v => v != Visibility.Shown, Visibility.Small);
            Put(indicator, year, place, new Figure(
                of == 0 ? 0 : part.Sum(c => table.Table.Value(row, c)) / (double)of,
                shown ? Visibility.Shown : hidden,
                table.Table.Value(row, table.Columns),
                table.Table.VisibilityOf(row, table.Columns)));
        }
    }

    /// <summary>A statistic of the people or groups a row counts: shown only when their number is (and, where asked, every category of the row).</summary>
    private void EmitStatistic(IndicatorDef indicator, int year, Placed table, Func<int, double?> statistic, bool everyCategory = false)
    {
        foreach (var (row, place) in Rows(table))
        {
            var n = table.Table.VisibilityOf(row, table.Columns);
            var value = statistic(place);
            var hiddenCategory = everyCategory && n == Visibility.Shown && Enumerable.Range(0, table.Columns).Any(c => !table.Table.IsShown(row, c));
            // Hidden with its number: "<5" only when the figure itself is under five, else "×".
            var visibility = value is null ? Visibility.Small
                : hiddenCategory ? Visibility.Complement
                : n == Visibility.Shown ? Visibility.Shown
                : value < DisclosureTable.Threshold ? Visibility.Small : Visibility.Complement;
            Put(indicator, year, place, new Figure(
                value ?? 0,
                visibility,
                table.Table.Value(row, table.Columns),
                n));
        }
    }

    /// <summary>Promoters minus detractors, in percent: shown only when all three groups are.</summary>
    private void EmitNps(IndicatorDef indicator, int year, Placed table)
    {
        foreach (var (row, place) in Rows(table))
        {
            var n = table.Table.Value(row, table.Columns);
            var shown = Enumerable.Range(0, 3).All(c => table.Table.IsShown(row, c));
            Put(indicator, year, place, new Figure(
                n == 0 ? 0 : 100.0 * (table.Table.Value(row, 0) - table.Table.Value(row, 2)) / n,
                shown ? Visibility.Shown : Visibility.Complement,
                n,
                table.Table.VisibilityOf(row, table.Columns)));
        }
    }
}
