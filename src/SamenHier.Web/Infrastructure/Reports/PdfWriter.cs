using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace SamenHier.Web.Infrastructure.Reports;

/// <summary>Writes an A4 PDF top to bottom, starting a new page when the next thing does not fit (fonts: <see cref="ReportFonts"/>).</summary>
public sealed class PdfWriter(PdfDocument document)
{
    private const double PageWidth = 595;
    private const double PageHeight = 842;
    private const double Margin = 50;
    private const double Width = PageWidth - (2 * Margin);

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

    /// <summary>A table: a label column, then columns of right-aligned cells under their headers.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<(string Label, IReadOnlyList<string> Cells)> rows)
    {
        var font = new XFont(ReportFonts.Family, 8, XFontStyleEx.Regular);
        var bold = new XFont(ReportFonts.Family, 8, XFontStyleEx.Bold);
        var labelWidth = Width - (headers.Count * Math.Min(55, (Width - 200) / Math.Max(1, headers.Count)));
        var columnWidth = (Width - labelWidth) / Math.Max(1, headers.Count);
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

            for (var i = 0; i < headers.Count; i++)
            {
                var text = row.Cells[i];
                var x = Margin + labelWidth + ((i + 1) * columnWidth) - 4 - g.MeasureString(text, font).Width;
                g.DrawString(text, font, XBrushes.Black, new XPoint(x, top + 9));
            }

            _y = top + height;
            g.DrawLine(XPens.LightGray, Margin, _y - 2, Margin + Width, _y - 2);
        }

        _y += 8;

        void Header()
        {
            for (var i = 0; i < headers.Count; i++)
            {
                var text = headers[i];
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
