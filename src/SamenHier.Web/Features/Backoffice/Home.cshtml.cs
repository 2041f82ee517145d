using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;

namespace SamenHier.Web.Features.Backoffice;

/// <summary>The back office's first page: per city, groups by stage and newcomers waiting; and the groups that need attention.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class HomeModel(CurrentStaff staff, UserManager<AppUser> users, AppDbContext db, TimeProvider time) : PageModel
{
    /// <summary>A group in preparation for longer than this needs attention.</summary>
    public const int StuckAfterDays = 60;

    /// <summary>A sign-up this close to expiring needs attention.</summary>
    public const int ExpiresWithinDays = 3;

    public sealed record CityRow(string City, int Awaiting, int Preparing, int Ready, int NewcomersWaiting);

    public sealed record Attention(Guid Id, string Name, string City, string ReasonKey);

    public string Name { get; private set; } = "";

    public IReadOnlyList<CityRow> Rows { get; private set; } = [];

    public IReadOnlyList<Attention> NeedsAttention { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Name = (await staff.UserAsync(users))?.DisplayName ?? "";
        var cityIds = await staff.CityIdsAsync(ct);
        var groups = await staff.GroupsAsync(ct);
        var counts = await groups
            .GroupBy(g => new { g.CityId, g.Status })
            .Select(g => new { g.Key.CityId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var canSeeNewcomers = User.IsInRole(StaffRoles.NationalStaff) || User.IsInRole(StaffRoles.Coordinator);
        var waiting = canSeeNewcomers
            ? await db.NewcomerHouseholds.Where(h => cityIds.Contains(h.CityId) && h.Status == NewcomerStatus.Waiting)
                .GroupBy(h => h.CityId).Select(g => new { CityId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.CityId, x => x.Count, ct)
            : [];
        var cities = await db.Cities.AsNoTracking().Where(c => cityIds.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct);
        Rows = [.. cities.Select(c => new CityRow(
            c.Name,
            counts.Where(x => x.CityId == c.Id && x.Status == GroupStatus.AwaitingConfirmation).Sum(x => x.Count),
            counts.Where(x => x.CityId == c.Id && x.Status == GroupStatus.Complete).Sum(x => x.Count),
            counts.Where(x => x.CityId == c.Id && x.Status == GroupStatus.ReadyToMatch).Sum(x => x.Count),
            waiting.GetValueOrDefault(c.Id)))];

        var now = time.GetUtcNow();
        var stuckBefore = now.AddDays(-StuckAfterDays);
        var expiresBefore = now.AddDays(ExpiresWithinDays);
        var attention = await groups
            .Where(g => (g.Status == GroupStatus.Complete && g.CompletedAt < stuckBefore)
                || (g.Status == GroupStatus.AwaitingConfirmation && g.ExpiresAt < expiresBefore))
            .OrderBy(g => g.CreatedAt)
            .Select(g => new { g.Id, g.Name, City = g.City!.Name, g.Status })
            .Take(50)
            .ToListAsync(ct);
        NeedsAttention = [.. attention.Select(a => new Attention(a.Id, a.Name ?? "", a.City,
            a.Status == GroupStatus.Complete ? "Attention_Stuck" : "Attention_Expiring"))];
    }
}
