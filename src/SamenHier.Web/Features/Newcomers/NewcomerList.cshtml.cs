using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Newcomers;

/// <summary>The households waiting for a group, within the viewer's cities.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class NewcomerListModel(AppDbContext db, CurrentStaff staff) : PageModel
{
    public sealed record Row(Guid Id, string Label, string City, NewcomerRoute Route, int People, NewcomerStatus Status, DateTimeOffset Since);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        Rows = await db.NewcomerHouseholds.AsNoTracking()
            .Where(h => cities.Contains(h.CityId))
            .OrderBy(h => h.Status).ThenBy(h => h.CreatedAt)
            .Select(h => new Row(h.Id, h.Label, h.City!.Name, h.Route, h.People.Count, h.Status, h.CreatedAt))
            .ToListAsync(ct);
    }
}
