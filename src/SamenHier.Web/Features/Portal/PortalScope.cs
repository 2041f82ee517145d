using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.Portal;

/// <summary>What a signed-in member or newcomer may reach: the scope every portal query starts from.</summary>
public static class PortalScope
{
    /// <summary>The groups a person is an active, confirmed member of.</summary>
    public static IQueryable<Group> MemberGroups(AppDbContext db, Guid userId) =>
        db.Groups.Where(g => g.Members.Any(m => m.UserId == userId && m.ActiveEmail != null && m.ConfirmedAt != null));

    /// <summary>The person's current group (the newest, should there be more than one).</summary>
    public static Task<Group?> MemberGroupAsync(AppDbContext db, Guid userId, CancellationToken ct) =>
        MemberGroups(db, userId).AsNoTracking()
            .Include(g => g.City)
            .Include(g => g.Members.OrderBy(m => m.Position))
            .AsSplitQuery()
            .OrderByDescending(g => g.CreatedAt)
            .FirstOrDefaultAsync(ct);

    /// <summary>The groups of the household a newcomer signed in for (the group they were matched with).</summary>
    public static IQueryable<Group> NewcomerGroups(AppDbContext db, Guid userId) =>
        db.Groups.Where(g => g.NewcomerHouseholdId != null
            && db.NewcomerHouseholds.Any(h => h.Id == g.NewcomerHouseholdId && h.UserId == userId && h.Status != Newcomers.NewcomerStatus.Left)
            && (g.Status == GroupStatus.Matched || g.Status == GroupStatus.YearTogether));
}
