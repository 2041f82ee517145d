using System.Globalization;
using Microsoft.Extensions.Localization;
using ScottPlot;

namespace SamenHier.Web.Features.Impact;

/// <summary>A figure as people read it: its text ("&lt;5" and "×" where hidden), and its value only when shown.</summary>
public sealed record ImpactCell(string Text, double? Value, Visibility Visibility, string N);

/// <summary>One indicator (in one wave) over the years.</summary>
public sealed record ImpactRow(IndicatorDef Indicator, string Label, IReadOnlyList<ImpactCell> Cells);

/// <summary>A part of the figures: the programme, the newcomers or the group members.</summary>
public sealed record ImpactSection(string Key, string Title, IReadOnlyList<ImpactRow> Rows);

/// <summary>A chart drawn on the server, with the text that says what it shows (the table has the figures).</summary>
public sealed record ImpactChart(string Id, string Title, string Description, IReadOnlyList<(string Label, IReadOnlyList<double?> Values)> Series, bool Percent);

/// <summary>A quote someone agreed to share: who (newcomer or group member), when, and what they wrote.</summary>
public sealed record ImpactQuote(int Year, string Who, string Text);

/// <summary>The figures of one place for some years, ready for a page, a file or a report.</summary>
public sealed record ImpactPlace(int Place, string Name, IReadOnlyList<int> Years, IReadOnlyList<ImpactSection> Sections, IReadOnlyList<ImpactChart> Charts, IReadOnlyList<ImpactQuote> Quotes);

public static class ImpactView
{
    /// <summary>The three charts: groups through the programme, and newcomers' and members' answers after a year.</summary>
    private static readonly (string Id, string Section, string[] Keys, Wave? Wave, bool Percent)[] ChartSpecs =
    [
        ("groups", ImpactFigures.Programme, ["signedUp", "matched", "started", "completed"], null, false),
        ("newcomers", ImpactFigures.Newcomers, ["dutch", "activity", "home", "wellbeing"], Wave.Month12, true),
        ("members", ImpactFigures.Members, ["contact", "community", "stay"], Wave.Month12, true),
    ];

    public static ImpactPlace Build(ImpactFigures figures, int place, string name, IReadOnlyList<int> years, IStringLocalizer t)
    {
        var sections = new List<ImpactSection>();
        foreach (var section in new[] { ImpactFigures.Programme, ImpactFigures.Newcomers, ImpactFigures.Members })
        {
            var rows = figures.Indicators
                .Where(i => i.Section == section)
                .OrderBy(i => i.Wave is null ? -1 : (int)i.Wave)
                .Select(i => new ImpactRow(
                    i,
                    Label(i, t),
                    [.. years.Select(y => figures.PendingUntil(i, y) is null ? Cell(figures.Get(i, y, place), i.Measure, t) : Pending(t))]))
                .Where(r => r.Cells.Any(c => c.Visibility != Visibility.Small || c.Text != ""))
                .ToList();
            sections.Add(new ImpactSection(section, t[$"ImpactSection_{section}"].Value, rows));
        }

        var charts = ChartSpecs.Select(spec => new ImpactChart(
                spec.Id,
                t[$"ImpactChart_{spec.Id}"].Value,
                t[$"ImpactChart_{spec.Id}_Description"].Value,
                [.. spec.Keys.Select(k =>
                {
                    var indicator = figures.Indicator(k, spec.Wave);
                    return (t[$"Impact_{k}"].Value, (IReadOnlyList<double?>)[.. years.Select(y => figures.Get(indicator, y, place) is { IsShown: true } f ? f.Value * (spec.Percent ? 100 : 1) : (double?)null)]);
                })],
                spec.Percent))
            .ToList();
        // Under a city only where its cohort's number of groups is shown (five or more); else only
        // under the country, which names no city.
        var started = figures.Indicator("started");
        var quotes = figures.Quotes
            .Where(q => years.Contains(q.Year)
                && (place == Places.Netherlands || (q.City == place && figures.Get(started, q.Year, place) is { IsShown: true })))
            .Select(q => new ImpactQuote(q.Year, t[$"ImpactQuote_{q.Audience}", t[$"ImpactWave_{q.Wave}"].Value, q.Year].Value, q.Text))
            .ToList();
        return new ImpactPlace(place, name, years, sections, charts, quotes);
    }

    public static string Label(IndicatorDef indicator, IStringLocalizer t) =>
        indicator.Wave is { } wave
            ? t["Impact_InWave", t[$"Impact_{indicator.Key}"].Value, t[$"ImpactWave_{wave}"].Value].Value
            : t[$"Impact_{indicator.Key}"].Value;

    /// <summary>A questionnaire figure of a wave that is still open: "not yet" (published once it has closed for the whole cohort).</summary>
    public static ImpactCell Pending(IStringLocalizer t) => new(t["Impact_Pending"].Value, null, Visibility.Small, "");

    /// <summary>A figure's text: "" when there is none, "&lt;5" for a small count, "×" for anything else hidden.</summary>
    public static ImpactCell Cell(Figure? figure, Measure measure, IStringLocalizer t)
    {
        if (figure is not { } f)
        {
            return new ImpactCell("", null, Visibility.Small, "");
        }

        var n = f.NVisibility switch
        {
            Visibility.Shown => f.N.ToString(CultureInfo.CurrentCulture),
            Visibility.Small => t["Impact_Small"].Value,
            _ => t["Impact_Hidden"].Value,
        };
        if (!f.IsShown)
        {
            var text = measure == Measure.Count && f.Visibility == Visibility.Small ? t["Impact_Small"].Value : t["Impact_Hidden"].Value;
            return new ImpactCell(text, null, f.Visibility, n);
        }

        return new ImpactCell(Format(f.Value, measure), f.Value, Visibility.Shown, n);
    }

    public static string Format(double value, Measure measure)
    {
        var culture = CultureInfo.CurrentCulture;
        return measure switch
        {
            Measure.Count or Measure.Days => Math.Round(value).ToString("N0", culture),
            Measure.Hours => Math.Round(value).ToString("N0", culture),
            Measure.Share => (value * 100).ToString("0", culture) + "%",
            Measure.Mean => value.ToString("0.0", culture),
            Measure.Median => value.ToString("0.#", culture),
            Measure.Nps => (value > 0 ? "+" : "") + Math.Round(value).ToString("0", culture),
            Measure.Change => (value > 0 ? "+" : "") + value.ToString("0.#", culture),
            _ => value.ToString(culture),
        };
    }

    /// <summary>The chart as grouped bars, one group per year; a hidden figure has no bar.</summary>
    public static Plot Plot(ImpactChart chart, IReadOnlyList<int> years)
    {
        var plot = new Plot();
        Color[] palette = [Color.FromHex("#01689B"), Color.FromHex("#E17000"), Color.FromHex("#39870C"), Color.FromHex("#A90061")];
        var width = chart.Series.Count + 1;
        var bars = new List<Bar>();
        for (var s = 0; s < chart.Series.Count; s++)
        {
            for (var y = 0; y < years.Count; y++)
            {
                if (chart.Series[s].Values[y] is { } value)
                {
                    bars.Add(new Bar { Position = (y * width) + s, Value = value, FillColor = palette[s % palette.Length] });
                }
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Series[s].Label, FillColor = palette[s % palette.Length] });
        }

        plot.Add.Bars(bars);
        var ticks = years.Select((year, i) => new Tick((i * width) + ((chart.Series.Count - 1) / 2.0), year.ToString(CultureInfo.InvariantCulture), isMajor: true)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Margins(bottom: 0);
        if (chart.Percent)
        {
            plot.Axes.SetLimitsY(0, 100);
        }

        plot.Title(chart.Title);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    public static string Svg(ImpactChart chart, IReadOnlyList<int> years) => Plot(chart, years).GetSvgXml(720, 360);

    public static byte[] Png(ImpactChart chart, IReadOnlyList<int> years) => Plot(chart, years).GetImageBytes(800, 400, ImageFormat.Png);
}
