using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Year;

/// <summary>The local knowledge base of the coordinator's cities: one list per city, by topic.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class KnowledgeModel(AppDbContext db, CurrentStaff staff) : PageModel
{
    public IReadOnlyList<City> Cities { get; private set; } = [];

    public City? City { get; private set; }

    public IReadOnlyList<KnowledgeArticle> Articles { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? stad, string? melding, CancellationToken ct)
    {
        Notice = melding is "opgeslagen" ? "Knowledge_Saved" : melding is "verwijderd" ? "Knowledge_Deleted" : null;
        var ids = await staff.CityIdsAsync(ct);
        Cities = await db.Cities.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct);
        City = stad is null ? (Cities.Count > 0 ? Cities[0] : null) : Cities.FirstOrDefault(c => c.Slug == stad);
        if (City is null)
        {
            return stad is null ? Page() : NotFound();
        }

        var cityId = City.Id;
        Articles = await db.KnowledgeArticles.AsNoTracking().Where(a => a.CityId == cityId).OrderBy(a => a.Section).ThenBy(a => a.Title).ToListAsync(ct);
        return Page();
    }
}
