using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Impact;

/// <summary>
/// The impact dashboard: national staff see the country and every city, a coordinator the cities they
/// work in. Every figure is protected before it is shown (docs/impact-indicators.md); the report for
/// a chosen period and places comes as PDF, CSV or Excel with the same figures.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class ImpactModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, ImpactFiguresSource source, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string Country = "nederland";

    /// <summary>Trainings and events organised nationally, not by a city.</summary>
    public const string NationalActivities = "landelijk";

    /// <summary>The place shown: a city's slug, or "nederland" for the country.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Place { get; set; }

    // The report's choices.
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<string> Places { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    public IReadOnlyList<Choice> PlaceChoices { get; private set; } = [];

    public IReadOnlyList<Choice> YearChoices { get; private set; } = [];

    public IReadOnlyList<Choice> LanguageChoices { get; private set; } = [];

    public IReadOnlyList<Choice> FormatChoices { get; private set; } = [];

    public ImpactPlace? Shown { get; private set; }

    /// <summary>The charts as SVG, by chart id.</summary>
    public IReadOnlyDictionary<string, string> ChartImages { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (figures, places) = await LoadAsync(ct);
        if (places.Count == 0)
        {
            return Page();
        }

        var chosen = places.FirstOrDefault(p => p.Slug == Place) ?? places[0];
        Place = chosen.Slug;
        Shown = ImpactView.Build(figures, chosen.Id, chosen.Name, figures.Years, t);
        ChartImages = Shown.Charts
            .Where(c => c.Series.Any(s => s.Values.Any(v => v is not null)))
            .ToDictionary(c => c.Id, c => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(ImpactView.Svg(c, Shown.Years))));
        Defaults(figures, places);
        return Page();
    }

    /// <summary>The report as a file; a wrong choice comes back to the page with a message and the choices kept.</summary>
    public async Task<IActionResult> OnGetReportAsync(CancellationToken ct)
    {
        var (figures, places) = await LoadAsync(ct);
        var chosen = places.Where(p => Places.Contains(p.Slug)).ToList();
        int? from = int.TryParse(From, NumberStyles.None, CultureInfo.InvariantCulture, out var f) && figures.Years.Contains(f) ? f : null;
        int? to = int.TryParse(To, NumberStyles.None, CultureInfo.InvariantCulture, out var u) && figures.Years.Contains(u) ? u : null;
        if (chosen.Count == 0)
        {
            this.AddError(nameof(Places), t["Error_Impact_Places"]);
        }

        if (from is null)
        {
            this.AddError(nameof(From), t["Error_Impact_Year"]);
        }

        if (to is null)
        {
            this.AddError(nameof(To), t["Error_Impact_Year"]);
        }
        else if (from is not null && to < from)
        {
            this.AddError(nameof(To), t["Error_Impact_Period"]);
        }

        if (Language is not ("nl" or "en"))
        {
            this.AddError(nameof(Language), t["Error_Impact_Language"]);
        }

        if (Format is not ("pdf" or "csv" or "xlsx"))
        {
            this.AddError(nameof(Format), t["Error_Impact_Format"]);
        }

        if (!ModelState.IsValid)
        {
            return await OnGetAsync(ct);
        }

        var years = Enumerable.Range(from!.Value, to!.Value - from.Value + 1).ToList();
        var culture = CultureInfo.CurrentUICulture;
        var formatting = CultureInfo.CurrentCulture;
        byte[] bytes;
        string contentType;
        try
        {
            // The report's language, whatever the page's.
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(Language!);
            var content = new ImpactReportContent(
                t["ImpactReport_Title"].Value,
                t["ImpactReport_Period", from.Value, to.Value, figures.Today.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)].Value,
                [.. chosen.Select(p => ImpactView.Build(figures, p.Id, p.Id switch
                {
                    Impact.Places.Netherlands => t["Impact_Country"].Value,
                    Impact.Places.NationalActivities => t["Impact_NationalActivities"].Value,
                    _ => p.Name,
                }, years, t))]);
            (bytes, contentType) = Format switch
            {
                "csv" => ([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ImpactReport.Csv(content, t))], "text/csv; charset=utf-8"),
                "xlsx" => (ImpactReport.Excel(content, t), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                _ => (ImpactReport.Pdf(content, t, configuration["Reports:FontFolder"] ?? "/usr/share/fonts/truetype/dejavu"), "application/pdf"),
            };
        }
        catch (FileNotFoundException)
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = formatting;
            this.AddError(nameof(Format), t["Error_Impact_Fonts"]);
            return await OnGetAsync(ct);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = formatting;
        }

        var me = await staff.UserAsync(users);
        ExportLog.Record(db, time, me!, "impact-report", $"{Format} {Language} {from}-{to} {string.Join(",", chosen.Select(p => p.Slug))}", chosen.Count);
        await db.SaveChangesAsync(ct);
        return File(bytes, contentType, $"samenhier-impact-{from}-{to}.{Format}");
    }

    private sealed record PlaceOption(string Slug, int Id, string Name);

    /// <summary>The figures, and the places this person may see them for: the country first for national staff.</summary>
    private async Task<(ImpactFigures Figures, IReadOnlyList<PlaceOption> Places)> LoadAsync(CancellationToken ct)
    {
        var figures = await source.GetAsync(db, ct);
        var cityIds = await staff.CityIdsAsync(ct);
        var cities = await db.Cities.AsNoTracking()
            .Where(c => staff.IsNational || cityIds.Contains(c.Id))
            .OrderBy(c => c.Name)
            .Select(c => new PlaceOption(c.Slug, c.Id, c.Name))
            .ToListAsync(ct);
        var places = new List<PlaceOption>();
        if (staff.IsNational)
        {
            places.Add(new PlaceOption(Country, Impact.Places.Netherlands, t["Impact_Country"].Value));
        }

        places.AddRange(cities);
        if (staff.IsNational)
        {
            places.Add(new PlaceOption(NationalActivities, Impact.Places.NationalActivities, t["Impact_NationalActivities"].Value));
        }
        return (figures, places);
    }

    private void Defaults(ImpactFigures figures, IReadOnlyList<PlaceOption> places)
    {
        PlaceChoices = [.. places.Select(p => new Choice(p.Slug, p.Name))];
        YearChoices = [.. figures.Years.Select(y => new Choice(y.ToString(CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture)))];
        LanguageChoices = [new("nl", "Nederlands"), new("en", "English")];
        FormatChoices = [new("pdf", t["ImpactReport_Pdf"]), new("csv", t["ImpactReport_Csv"]), new("xlsx", t["ImpactReport_Excel"])];
        if (figures.Years.Count > 0)
        {
            From ??= figures.Years[0].ToString(CultureInfo.InvariantCulture);
            To ??= figures.Years[^1].ToString(CultureInfo.InvariantCulture);
        }

        if (Places.Count == 0 && Place is not null)
        {
            Places = [Place];
        }

        Language ??= CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";
        Format ??= "pdf";
    }
}
