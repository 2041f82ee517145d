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
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.CommunityBuilders;

/// <summary>
/// The community builders of the viewer's cities: languages, cities, capacity and current groups.
/// Filter by city and language, search by name, page, export.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class CommunityBuildersModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t, Backoffice.SearchSeal seal) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "stad")]
    public int? City { get; set; }

    [BindProperty(SupportsGet = true, Name = "taal")]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<BuilderLoad.Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    public IReadOnlyList<Choice> LanguageChoices => [.. SignUp.SignUpOptions.Languages.Select(l => new Choice(l, t[$"Language_{l}"]))];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ids = await staff.CityIdsAsync(ct);
        CityChoices = [.. (await db.Cities.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct))
            .Select(c => new Choice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name))];
        var query = await FilteredAsync(ct);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await BuilderLoad.RowsAsync(db, query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize), t, ct);
    }

    /// <summary>Every handler reads the search as typed, whether the address carried it sealed or not.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Search = seal.OpenFor(context, Search);

    /// <summary>The search form posts here: the list opens at an address with the term sealed.</summary>
    public IActionResult OnPostSearch() => LocalRedirect(SearchLink);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await BuilderLoad.RowsAsync(db, (await FilteredAsync(ct)).OrderBy(u => u.DisplayName).ThenBy(u => u.Id), t, ct);
        return await CsvExport.FileAsync(db, time, (await staff.UserAsync(users))!, "community-builders",
            $"stad={City};taal={Language};zoek={CsvExport.Elided(Search)}", "community-bouwers.csv",
            ["Naam", "E-mail", "Steden", "Talen", "Groepen", "Capaciteit"],
            [.. rows.Select(r => (IReadOnlyList<string>)
            [
                r.Name, r.Email, r.Cities, r.Languages,
                r.Current.ToString(CultureInfo.InvariantCulture), r.Capacity.ToString(CultureInfo.InvariantCulture),
            ])],
            ct);
    }

    private async Task<IQueryable<AppUser>> FilteredAsync(CancellationToken ct)
    {
        var query = (await staff.CommunityBuildersAsync(ct)).AsNoTracking();
        if (City is { } city)
        {
            query = query.Where(u => u.Cities.Any(c => c.CityId == city));
        }

        if (Language is { } language && SignUp.SignUpOptions.Languages.Contains(language))
        {
            var key = "," + language + ",";
            query = query.Where(u => ("," + u.Languages + ",").Contains(key));
        }

        if (!string.IsNullOrWhiteSpace(Search) && Search.Length <= 100)
        {
            var term = Search.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF Core translates ToLower().Contains to SQL; a StringComparison overload it cannot.
            query = query.Where(u => u.DisplayName.ToLower().Contains(term) || (u.Email != null && u.Email.ToLower().Contains(term)));
#pragma warning restore CA1862
        }

        return query;
    }

    public string PageLink(int page) => Link(page.ToString(CultureInfo.InvariantCulture), null);

    public string SearchLink => Link(null, null);

    public string ExportLink => Link(null, "Export");

    private string Link(string? page, string? handler) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/beheer/community-bouwers", new Dictionary<string, string?>
        {
            ["stad"] = City?.ToString(CultureInfo.InvariantCulture),
            ["taal"] = Language,
            ["zoek"] = seal.Seal(Search),
            ["pagina"] = page,
            ["handler"] = handler,
        }.Where(v => !string.IsNullOrEmpty(v.Value)));
}
