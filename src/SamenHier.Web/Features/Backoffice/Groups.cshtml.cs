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
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Backoffice;

/// <summary>
/// Every group in the viewer's scope: filter by city and status, search by group or member name or
/// address, sort, page, and export what is shown as CSV (each export logged).
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class GroupsModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t, SearchSeal seal) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, string Name, string City, string Type, GroupStage Stage, int Members, int Confirmed, DateTimeOffset CreatedAt);

    [BindProperty(SupportsGet = true, Name = "stad")]
    public int? City { get; set; }

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

    public IReadOnlyList<Choice> StatusChoices =>
        [.. Enum.GetValues<GroupStatus>().Select(s => new Choice(s.ToString(), t[$"GroupStatus_{s}"]))];

    public IReadOnlyList<Choice> SortChoices =>
        [new("nieuw", t["Groups_SortNewest"]), new("oud", t["Groups_SortOldest"]), new("naam", t["Groups_SortName"])];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var query = await FilteredAsync(ct);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var groups = await Sorted(query)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Include(g => g.City)
            .Include(g => g.Members)
            .AsSplitQuery()
            .AsNoTracking()
            .ToListAsync(ct);
        Rows = [.. groups.Select(ToRow)];
    }

    /// <summary>Every handler reads the search as typed, whether the address carried it sealed or not.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Search = seal.OpenFor(context, Search);

    /// <summary>The search form posts here: the list opens at an address with the term sealed.</summary>
    public IActionResult OnPostSearch() => LocalRedirect(SearchLink);

    /// <summary>The same list as CSV (all pages), within scope; the export is logged.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var query = await FilteredAsync(ct);
        var groups = await Sorted(query).Include(g => g.City).Include(g => g.Members).AsSplitQuery().AsNoTracking().ToListAsync(ct);
        var rows = groups.Select(ToRow).Select(row => (IReadOnlyList<string>)
        [
            row.Name, row.City, row.Type, t[$"GroupStage_{row.Stage}"].Value,
            row.Members.ToString(CultureInfo.InvariantCulture), row.Confirmed.ToString(CultureInfo.InvariantCulture),
            row.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ]).ToList();
        return await CsvExport.FileAsync(db, time, (await staff.UserAsync(users))!, "groups",
            $"stad={City};status={Status};zoek={CsvExport.Elided(Search)}", "groepen.csv",
            ["Groep", "Stad", "Soort", "Fase", "Leden", "Bevestigd", "Aangemeld"], rows, ct);
    }

    private async Task<IQueryable<Group>> FilteredAsync(CancellationToken ct)
    {
        var query = await staff.GroupsAsync(ct);
        query = query.Where(g => g.Status != GroupStatus.Expired);
        if (City is { } city)
        {
            query = query.Where(g => g.CityId == city);
        }

        if (Enum.TryParse<GroupStatus>(Status, out var status))
        {
            query = query.Where(g => g.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(Search) && Search.Length <= 100)
        {
            var term = Search.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF Core translates ToLower().Contains to SQL; a StringComparison overload it cannot.
            query = query.Where(g => (g.Name != null && g.Name.ToLower().Contains(term))
                || g.Members.Any(m => m.Name.ToLower().Contains(term) || m.Email.ToLower().Contains(term)));
#pragma warning restore CA1862
        }

        return query;
    }

    private IQueryable<Group> Sorted(IQueryable<Group> query) => Sort switch
    {
        "oud" => query.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id),
        "naam" => query.OrderBy(g => g.Name).ThenBy(g => g.Id),
        _ => query.OrderByDescending(g => g.CreatedAt).ThenBy(g => g.Id),
    };

    private Row ToRow(Group g) => new(
        g.Id,
        g.Name ?? t["Groups_Unnamed"].Value,
        g.City?.Name ?? "",
        t[$"GroupType_{g.Type}"].Value,
        GroupReadiness.Stage(g),
        g.Members.Count(m => m.Present),
        g.Members.Count(m => m.Present && m.ConfirmedAt != null),
        g.CreatedAt);

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var ids = await staff.CityIdsAsync(ct);
        CityChoices = [.. (await db.Cities.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct))
            .Select(c => new Choice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name))];
    }

    public string PageLink(int page) => Link(new Dictionary<string, string?> { ["pagina"] = page.ToString(CultureInfo.InvariantCulture) });

    public string SearchLink => Link(new Dictionary<string, string?> { ["pagina"] = null });

    public string ExportLink => Link(new Dictionary<string, string?> { ["handler"] = "Export", ["pagina"] = null });

    private string Link(Dictionary<string, string?> changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["stad"] = City?.ToString(CultureInfo.InvariantCulture),
            ["status"] = Status,
            ["zoek"] = seal.Seal(Search),
            ["sorteer"] = Sort,
            ["pagina"] = PageNumber.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/beheer/groepen", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
