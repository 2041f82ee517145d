using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Year;

namespace SamenHier.Web.Features.Portal;

/// <summary>The knowledge base of the member's city, by topic: what the coordinators wrote for every group.</summary>
[Authorize(Policy = Policies.GroupMember)]
public sealed class GroupKnowledgeModel(AppDbContext db, CurrentStaff me) : PageModel
{
    public string? CityName { get; private set; }

    public IReadOnlyList<KnowledgeArticle> Articles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var city = await PortalScope.MemberGroups(db, me.Id).OrderByDescending(g => g.CreatedAt).Select(g => new { g.CityId, g.City!.Name }).FirstOrDefaultAsync(ct);
        if (city is null)
        {
            return;
        }

        CityName = city.Name;
        Articles = await db.KnowledgeArticles.AsNoTracking().Where(a => a.CityId == city.CityId).OrderBy(a => a.Section).ThenBy(a => a.Title).ToListAsync(ct);
    }
}
