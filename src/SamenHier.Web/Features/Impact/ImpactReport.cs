using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using PdfSharp.Pdf;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Infrastructure.Reports;

namespace SamenHier.Web.Features.Impact;

/// <summary>What a report covers: its places (already protected figures) and its years.</summary>
public sealed record ImpactReportContent(string Title, string Period, IReadOnlyList<ImpactPlace> Places);

/// <summary>
/// The impact report as a PDF (PDFsharp, DejaVu fonts embedded), and the same figures as CSV and
/// Excel. Every figure comes from <see cref="ImpactView"/>, so the files show exactly what the
/// dashboard shows, hidden figures included.
/// </summary>
public static class ImpactReport
{
    /// <summary>One line per place, indicator and year.</summary>
    public static string Csv(ImpactReportContent content, IStringLocalizer t)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(';', new[] { t["ImpactFile_Place"].Value, t["ImpactFile_Section"].Value, t["ImpactFile_Indicator"].Value, t["ImpactFile_Year"].Value, t["ImpactFile_Value"].Value, t["ImpactFile_N"].Value }.Select(CsvExport.Cell)));
        foreach (var place in content.Places)
        {
            foreach (var section in place.Sections)
            {
                foreach (var row in section.Rows)
                {
                    for (var y = 0; y < place.Years.Count; y++)
                    {
                        var cell = row.Cells[y];
                        if (cell.Text.Length == 0)
                        {
                            continue;
                        }

                        csv.AppendLine(string.Join(';', new[] { place.Name, section.Title, row.Label, place.Years[y].ToString(CultureInfo.InvariantCulture), cell.Text, cell.N }.Select(CsvExport.Cell)));
                    }
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>A sheet per place (indicators down, years across) and a sheet that explains the signs.</summary>
    public static byte[] Excel(ImpactReportContent content, IStringLocalizer t)
    {
        using var workbook = new XLWorkbook();
        var about = workbook.Worksheets.Add(Sheet(t["ImpactFile_About"].Value, []));
        about.Cell(1, 1).Value = content.Title;
        about.Cell(1, 1).Style.Font.Bold = true;
        about.Cell(2, 1).Value = content.Period;
        var line = 4;
        foreach (var text in About(t))
        {
            about.Cell(line++, 1).Value = text;
        }

        about.Column(1).Width = 120;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { about.Name };
        foreach (var place in content.Places)
        {
            var sheet = workbook.Worksheets.Add(Sheet(place.Name, names));
            names.Add(sheet.Name);
            sheet.Cell(1, 1).Value = place.Name;
            sheet.Cell(1, 1).Style.Font.Bold = true;
            var r = 3;
            foreach (var section in place.Sections.Where(s => s.Rows.Count > 0))
            {
                sheet.Cell(r, 1).Value = section.Title;
                sheet.Cell(r, 1).Style.Font.Bold = true;
                for (var y = 0; y < place.Years.Count; y++)
                {
                    sheet.Cell(r, y + 2).Value = place.Years[y];
                    sheet.Cell(r, y + 2).Style.Font.Bold = true;
                }

                r++;
                foreach (var row in section.Rows)
                {
                    sheet.Cell(r, 1).Value = row.Label;
                    for (var y = 0; y < place.Years.Count; y++)
                    {
                        var cell = row.Cells[y];
                        var target = sheet.Cell(r, y + 2);
                        if (cell.Value is { } v)
                        {
                            target.Value = row.Indicator.Measure == Measure.Share ? Math.Round(v, 4) : Math.Round(v, 2);
                            target.Style.NumberFormat.Format = row.Indicator.Measure switch
                            {
                                Measure.Share => "0%",
                                Measure.Count or Measure.Days or Measure.Hours or Measure.Nps => "0",
                                _ => "0.0",
                            };
                        }
                        else
                        {
                            target.Value = cell.Text;
                            target.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
                        }
                    }

                    r++;
                }

                r++;
            }

            sheet.Column(1).Width = 70;
        }

        var quoted = content.Places.SelectMany(p => p.Quotes.Select(q => (Place: p.Name, Quote: q))).ToList();
        if (quoted.Count > 0)
        {
            var quotes = workbook.Worksheets.Add(Sheet(t["ImpactQuotes_Title"].Value, names));
            quotes.Cell(1, 1).Value = t["ImpactFile_Place"].Value;
            quotes.Cell(1, 2).Value = t["ImpactQuotes_Who"].Value;
            quotes.Cell(1, 3).Value = t["ImpactQuotes_Text"].Value;
            quotes.Row(1).Style.Font.Bold = true;
            var q = 2;
            foreach (var (placeName, quote) in quoted)
            {
                quotes.Cell(q, 1).Value = placeName;
                quotes.Cell(q, 2).Value = quote.Who;
                // Text, never a formula.
                quotes.Cell(q, 3).SetValue(quote.Text);
                q++;
            }

            quotes.Column(3).Width = 100;
            quotes.Column(3).Style.Alignment.WrapText = true;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique.</summary>
    private static string Sheet(string name, HashSet<string> taken)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? ' ' : c)]).Trim();
        clean = clean.Length > 28 ? clean[..28] : clean;
        // Excel refuses a name that starts or ends with an apostrophe ('s-Hertogenbosch).
        clean = clean.Trim().Trim('\'').Trim();
        var candidate = clean.Length == 0 ? "-" : clean;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = $"{clean} {i}";
        }

        return candidate;
    }

    /// <summary>What every report says about its figures: where they come from and what the signs mean.</summary>
    private static IEnumerable<string> About(IStringLocalizer t) =>
    [
        t["ImpactAbout_Sources"].Value,
        t["ImpactAbout_Consent"].Value,
        t["ImpactAbout_Small"].Value,
        t["ImpactAbout_Hidden"].Value,
        t["ImpactAbout_Cohort"].Value,
        t["ImpactAbout_Pending"].Value,
    ];

    // The PDF.
    public static byte[] Pdf(ImpactReportContent content, IStringLocalizer t, string fontFolder)
    {
        ReportFonts.Use(fontFolder);
        using var document = new PdfDocument();
        document.Info.Title = content.Title;
        document.Info.Creator = "SamenHier";
        var writer = new PdfWriter(document);
        writer.Heading(content.Title, 20);
        writer.Paragraph(content.Period, 11);
        writer.Paragraph(string.Join(", ", content.Places.Select(p => p.Name)), 11);
        writer.Space(10);
        writer.Heading(t["ImpactAbout_Title"].Value, 13);
        foreach (var text in About(t))
        {
            writer.Paragraph(text, 9.5);
        }

        // The charts are drawn first, in parallel: drawing is most of the work.
        var charts = content.Places
            .SelectMany(p => p.Charts.Where(c => c.Series.Any(s => s.Values.Any(v => v is not null))).Select(c => (Place: p, Chart: c)))
            .AsParallel().AsOrdered()
            .Select(x => (x.Place, x.Chart, Png: ImpactView.Png(x.Chart, x.Place.Years)))
            .ToLookup(x => x.Place);
        foreach (var place in content.Places)
        {
            writer.NewPage();
            writer.Heading(place.Name, 17);
            foreach (var (_, chart, png) in charts[place])
            {
                writer.Image(png, chart.Description);
            }

            foreach (var section in place.Sections.Where(s => s.Rows.Count > 0))
            {
                writer.Heading(section.Title, 13);
                writer.Table(
                    [.. place.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))],
                    [.. section.Rows.Select(r => (r.Label, (IReadOnlyList<string>)[.. r.Cells.Select(c => c.Text)]))]);
            }

            if (place.Quotes.Count > 0)
            {
                writer.Heading(t["ImpactQuotes_Title"].Value, 13);
                var printable = place.Quotes.Where(q => Printable(q.Text)).ToList();
                foreach (var quote in printable)
                {
                    writer.Paragraph($"“{quote.Text}”", 10);
                    writer.Paragraph("— " + quote.Who, 8.5);
                }

                if (printable.Count < place.Quotes.Count)
                {
                    writer.Paragraph(t["ImpactQuotes_OtherScripts", place.Quotes.Count - printable.Count].Value, 9);
                }
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>
    /// Whether the PDF can show the text as written: DejaVu Sans has Latin, Greek and Cyrillic, but
    /// PDFsharp does not join Arabic letters nor lay out right-to-left text, and the font has no
    /// Ethiopic; such quotes are in the Excel file and on the dashboard, and the PDF says how many.
    /// </summary>
    public static bool Printable(string text) =>
        !text.Any(c => c is (>= '\u0590' and <= '\u08FF') or (>= '\u1200' and <= '\u139F') or (>= '\u2D80' and <= '\u2DDF') or (>= '\uAB00' and <= '\uAB2F') or (>= '\uFB1D' and <= '\uFEFF'));
}
