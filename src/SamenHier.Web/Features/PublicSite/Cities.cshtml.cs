using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.PublicSite;

[AllowAnonymous]
public sealed class CitiesModel(AppDbContext db) : PageModel
{
    public sealed record CityView(string Name, string? PartnerName, string? ContactEmail, IReadOnlyList<GroupType> OpenTypes, int Groups);

    public IReadOnlyList<CityView> Active { get; private set; } = [];

    public IReadOnlyList<CityView> Preparing { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var cities = await db.Cities.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        // Only groups that have formed count; the number says nothing about any one person.
        var counts = await db.Groups
            .Where(g => g.Status != GroupStatus.AwaitingConfirmation && g.Status != GroupStatus.Expired && g.Status != GroupStatus.Withdrawn)
            .GroupBy(g => g.CityId)
            .Select(g => new { CityId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CityId, x => x.Count, ct);
        var views = cities.Select(c => (c.State, View: new CityView(c.Name, c.PartnerName, c.ContactEmail, [.. c.OpenGroupTypes()], counts.GetValueOrDefault(c.Id)))).ToList();
        Active = [.. views.Where(v => v.State == CityState.Active).Select(v => v.View)];
        Preparing = [.. views.Where(v => v.State == CityState.Preparing).Select(v => v.View)];
    }
}
