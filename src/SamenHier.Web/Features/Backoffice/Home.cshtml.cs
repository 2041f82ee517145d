using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.Backoffice;

/// <summary>The back office's first page: groups per city and stage, within the viewer's scope.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class HomeModel(CurrentStaff staff, UserManager<AppUser> users, AppDbContext db) : PageModel
{
    public sealed record CityRow(string City, int Awaiting, int Preparing, int Ready);

    public string Name { get; private set; } = "";

    public IReadOnlyList<CityRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Name = (await staff.UserAsync(users))?.DisplayName ?? "";
        var cityIds = await staff.CityIdsAsync(ct);
        var groups = await staff.GroupsAsync(ct);
        var counts = await groups
            .GroupBy(g => new { g.CityId, g.Status })
            .Select(g => new { g.Key.CityId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var cities = await db.Cities.AsNoTracking().Where(c => cityIds.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct);
        Rows = [.. cities.Select(c => new CityRow(
            c.Name,
            counts.Where(x => x.CityId == c.Id && x.Status == GroupStatus.AwaitingConfirmation).Sum(x => x.Count),
            counts.Where(x => x.CityId == c.Id && x.Status == GroupStatus.Complete).Sum(x => x.Count),
            counts.Where(x => x.CityId == c.Id && x.Status == GroupStatus.ReadyToMatch).Sum(x => x.Count)))];
    }
}
