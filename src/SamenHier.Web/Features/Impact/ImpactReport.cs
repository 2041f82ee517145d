using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using SamenHier.Web.Features.Backoffice;

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
    private const double PageWidth = 595;
    private const double PageHeight = 842;
    private const double Margin = 50;
    private const double Width = PageWidth - (2 * Margin);

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
                writer.Table(place.Years, section.Rows);
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

    /// <summary>Writes top to bottom, starting a new page when the next thing does not fit.</summary>
    private sealed class PdfWriter(PdfDocument document)
    {
        private XGraphics? _graphics;
        private double _y;

        public void NewPage()
        {
            _graphics?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _graphics = XGraphics.FromPdfPage(page);
            _y = Margin;
        }

        private XGraphics Room(double height)
        {
            if (_graphics is null || _y + height > PageHeight - Margin)
            {
                NewPage();
            }

            return _graphics!;
        }

        public void Space(double height) => _y += height;

        public void Heading(string text, double size)
        {
            var font = new XFont(ReportFonts.Family, size, XFontStyleEx.Bold);
            var g = Room((size * 1.6) + 40);
            _y += size * 0.4;
            Wrapped(g, text, font, Margin, Width, size * 1.3);
            _y += size * 0.3;
        }

        public void Paragraph(string text, double size)
        {
            var font = new XFont(ReportFonts.Family, size, XFontStyleEx.Regular);
            var g = Room(size * 3);
            Wrapped(g, text, font, Margin, Width, size * 1.35);
            _y += size * 0.5;
        }

        public void Image(byte[] png, string caption)
        {
            var height = Width / 2;
            var g = Room(height + 30);
            using var stream = new MemoryStream(png);
            using var image = XImage.FromStream(stream);
            g.DrawImage(image, Margin, _y, Width, height);
            _y += height + 4;
            Wrapped(g, caption, new XFont(ReportFonts.Family, 8.5, XFontStyleEx.Regular), Margin, Width, 11);
            _y += 8;
        }

        public void Table(IReadOnlyList<int> years, IReadOnlyList<ImpactRow> rows)
        {
            var font = new XFont(ReportFonts.Family, 8, XFontStyleEx.Regular);
            var bold = new XFont(ReportFonts.Family, 8, XFontStyleEx.Bold);
            var labelWidth = Width - (years.Count * Math.Min(55, (Width - 200) / Math.Max(1, years.Count)));
            var columnWidth = (Width - labelWidth) / Math.Max(1, years.Count);
            var g = Room(30);
            Header();
            foreach (var row in rows)
            {
                var lines = Lines(g, row.Label, font, labelWidth - 6);
                var height = (lines.Count * 10) + 4;
                if (_y + height > PageHeight - Margin)
                {
                    g = Room(PageHeight);
                    Header();
                }

                var top = _y;
                foreach (var line in lines)
                {
                    g.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y + 9));
                    _y += 10;
                }

                for (var i = 0; i < years.Count; i++)
                {
                    var text = row.Cells[i].Text;
                    var x = Margin + labelWidth + ((i + 1) * columnWidth) - 4 - g.MeasureString(text, font).Width;
                    g.DrawString(text, font, XBrushes.Black, new XPoint(x, top + 9));
                }

                _y = top + height;
                g.DrawLine(XPens.LightGray, Margin, _y - 2, Margin + Width, _y - 2);
            }

            _y += 8;

            void Header()
            {
                for (var i = 0; i < years.Count; i++)
                {
                    var text = years[i].ToString(CultureInfo.InvariantCulture);
                    var x = Margin + labelWidth + ((i + 1) * columnWidth) - 4 - g.MeasureString(text, bold).Width;
                    g.DrawString(text, bold, XBrushes.Black, new XPoint(x, _y + 9));
                }

                _y += 12;
                g.DrawLine(XPens.Gray, Margin, _y, Margin + Width, _y);
                _y += 2;
            }
        }

        private void Wrapped(XGraphics g, string text, XFont font, double x, double width, double lineHeight)
        {
            foreach (var line in Lines(g, text, font, width))
            {
                if (_y + lineHeight > PageHeight - Margin)
                {
                    g = Room(PageHeight);
                }

                g.DrawString(line, font, XBrushes.Black, new XPoint(x, _y + (lineHeight * 0.8)));
                _y += lineHeight;
            }
        }

        /// <summary>Breaks text into lines that fit, at spaces.</summary>
        private static List<string> Lines(XGraphics g, string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && g.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            return lines;
        }
    }
}

/// <summary>
/// The fonts the PDF embeds: DejaVu Sans (Debian's fonts-dejavu-core), which has the Latin, Greek and
/// Cyrillic letters of every name and quote in a Dutch or English report.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static ReportFonts? _current;
    private readonly string _folder;

    private ReportFonts(string folder) => _folder = folder;

    /// <summary>Installs the resolver once per process; a missing font is a clear error, not a broken PDF.</summary>
    public static void Use(string folder)
    {
        lock (Gate)
        {
            foreach (var file in new[] { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf" })
            {
                if (!File.Exists(Path.Combine(folder, file)))
                {
                    throw new FileNotFoundException($"The report needs the font {file} in {folder} (Debian: apt-get install fonts-dejavu-core; or set Reports:FontFolder).", file);
                }
            }

            if (_current is null)
            {
                _current = new ReportFonts(folder);
                GlobalFontSettings.FontResolver = _current;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(_folder, faceName + ".ttf"));
}
