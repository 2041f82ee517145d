using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.PublicSite;

[AllowAnonymous]
public sealed class CitiesModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record EventView(string Title, DateTimeOffset StartsAt, string Place);

    public sealed record CityView(string Name, string Slug, string? PartnerName, string? ContactEmail, IReadOnlyList<GroupType> OpenTypes, int Groups, IReadOnlyList<EventView> Events);

    /// <summary>Each city shows this many of its coming public events.</summary>
    public const int EventsShown = 3;

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
        // The public events still to come (never who comes).
        var now = time.GetUtcNow();
        var events = (await db.CommunityEvents.AsNoTracking()
            .Where(e => e.Public && e.CancelledAt == null && e.StartsAt > now && e.CityId != null)
            .OrderBy(e => e.StartsAt)
            .Select(e => new { CityId = e.CityId!.Value, e.Title, e.StartsAt, e.Place })
            .ToListAsync(ct))
            .GroupBy(e => e.CityId)
            .ToDictionary(g => g.Key, g => g.Take(EventsShown).Select(e => new EventView(e.Title, e.StartsAt, e.Place)).ToList());
        var views = cities.Select(c => (c.State, View: new CityView(c.Name, c.Slug, c.PartnerName, c.ContactEmail, [.. c.OpenGroupTypes()], counts.GetValueOrDefault(c.Id),
            events.GetValueOrDefault(c.Id) ?? []))).ToList();
        Active = [.. views.Where(v => v.State == CityState.Active).Select(v => v.View)];
        Preparing = [.. views.Where(v => v.State == CityState.Preparing).Select(v => v.View)];
    }
}
