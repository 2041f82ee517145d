using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Portal;

/// <summary>The accounts of group members and newcomers live only as long as what they sign in to.</summary>
public static class PortalAccounts
{
    /// <summary>
    /// Deletes the given accounts that are no longer a member's or a household's and hold no staff
    /// role, with their sign-in links and the e-mails about them.
    /// </summary>
    public static async Task DeleteOrphansAsync(AppDbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var staffRoles = db.Roles.Where(r => StaffRoles.All.Contains(r.Name!)).Select(r => r.Id);
        var orphans = await db.Users
            .Where(u => userIds.Contains(u.Id))
            .Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)))
            .Where(u => !db.GroupMembers.Any(m => m.UserId == u.Id) && !db.NewcomerHouseholds.Any(h => h.UserId == u.Id))
            .Select(u => u.Id)
            .ToListAsync(ct);
        foreach (var id in orphans)
        {
            var reference = $"user:{id:N}";
            await db.OutboxMessages.Where(o => o.Reference == reference).ExecuteDeleteAsync(ct);
        }

        // Roles, claims, tokens and sign-in links go with the account (cascading foreign keys).
        await db.Users.Where(u => orphans.Contains(u.Id)).ExecuteDeleteAsync(ct);
    }
}
