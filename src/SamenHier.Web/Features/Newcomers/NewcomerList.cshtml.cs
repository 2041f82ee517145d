using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Newcomers;

/// <summary>
/// The newcomer households within the viewer's cities: filter by city, route and status, search by
/// household or first name, sort, page, and export (without restricted fields; each export logged).
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class NewcomerListModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t, Backoffice.SearchSeal seal) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, string Label, string City, NewcomerRoute Route, int People, NewcomerStatus Status, DateTimeOffset Since, string ContactLanguage);

    [BindProperty(SupportsGet = true, Name = "stad")]
    public int? City { get; set; }

    [BindProperty(SupportsGet = true, Name = "route")]
    public string? Route { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "sorteer")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    public IReadOnlyList<Choice> RouteChoices => [.. Enum.GetValues<NewcomerRoute>().Select(r => new Choice(r.ToString(), t[$"NewcomerRoute_{r}"]))];

    public IReadOnlyList<Choice> StatusChoices => [.. Enum.GetValues<NewcomerStatus>().Select(s => new Choice(s.ToString(), t[$"NewcomerStatus_{s}"]))];

    public IReadOnlyList<Choice> SortChoices =>
        [new("wacht", t["Newcomers_SortWaiting"]), new("nieuw", t["Groups_SortNewest"]), new("naam", t["Groups_SortName"])];

    /// <summary>A household was just erased.</summary>
    public bool Erased => Request.Query["melding"] == "gewist";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ids = await staff.CityIdsAsync(ct);
        CityChoices = [.. (await db.Cities.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct))
            .Select(c => new Choice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name))];
        var query = await FilteredAsync(ct);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await Project(Sorted(query).Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
    }

    /// <summary>Every handler reads the search as typed, whether the address carried it sealed or not.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Search = seal.OpenFor(context, Search);

    /// <summary>The search form posts here: the list opens at an address with the term sealed.</summary>
    public IActionResult OnPostSearch() => LocalRedirect(SearchLink);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Project(Sorted(await FilteredAsync(ct))).ToListAsync(ct);
        return await CsvExport.FileAsync(db, time, (await staff.UserAsync(users))!, "newcomers",
            $"stad={City};route={Route};status={Status};zoek={CsvExport.Elided(Search)}", "nieuwkomers.csv",
            ["Huishouden", "Gemeente", "Route", "Personen", "Contacttaal", "Status", "Sinds"],
            [.. rows.Select(r => (IReadOnlyList<string>)
            [
                r.Label, r.City, t[$"NewcomerRoute_{r.Route}"].Value, r.People.ToString(CultureInfo.InvariantCulture),
                t[$"Language_{r.ContactLanguage}"].Value, t[$"NewcomerStatus_{r.Status}"].Value,
                r.Since.ToNetherlands().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ])],
            ct);
    }

    private async Task<IQueryable<NewcomerHousehold>> FilteredAsync(CancellationToken ct)
    {
        // Erased households stay only for the counts: nothing to work on.
        var query = (await staff.HouseholdsAsync(ct)).AsNoTracking().Where(h => h.ErasedAt == null);

        if (City is { } city)
        {
            query = query.Where(h => h.CityId == city);
        }

        if (Enum.TryParse<NewcomerRoute>(Route, out var route) && Enum.IsDefined(route))
        {
            query = query.Where(h => h.Route == route);
        }

        if (Enum.TryParse<NewcomerStatus>(Status, out var status) && Enum.IsDefined(status))
        {
            query = query.Where(h => h.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(Search) && Search.Length <= 100)
        {
            var term = Search.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF Core translates ToLower().Contains to SQL; a StringComparison overload it cannot.
            query = query.Where(h => h.Label.ToLower().Contains(term) || h.People.Any(p => p.FirstName.ToLower().Contains(term)));
#pragma warning restore CA1862
        }

        return query;
    }

    private IQueryable<NewcomerHousehold> Sorted(IQueryable<NewcomerHousehold> query) => Sort switch
    {
        "nieuw" => query.OrderByDescending(h => h.CreatedAt).ThenBy(h => h.Id),
        "naam" => query.OrderBy(h => h.Label).ThenBy(h => h.Id),
        // Default: those waiting for a group first, the longest-waiting at the top.
        _ => query.OrderBy(h => h.Status).ThenBy(h => h.CreatedAt).ThenBy(h => h.Id),
    };

    private static IQueryable<Row> Project(IQueryable<NewcomerHousehold> query) =>
        query.Select(h => new Row(h.Id, h.Label, h.City!.Name, h.Route, h.People.Count, h.Status, h.CreatedAt, h.ContactLanguage));

    public string PageLink(int page) => Link(page.ToString(CultureInfo.InvariantCulture), null);

    public string SearchLink => Link(null, null);

    public string ExportLink => Link(null, "Export");

    private string Link(string? page, string? handler) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/beheer/nieuwkomers", new Dictionary<string, string?>
        {
            ["stad"] = City?.ToString(CultureInfo.InvariantCulture),
            ["route"] = Route,
            ["status"] = Status,
            ["zoek"] = seal.Seal(Search),
            ["sorteer"] = Sort,
            ["pagina"] = page,
            ["handler"] = handler,
        }.Where(v => !string.IsNullOrEmpty(v.Value)));
}
