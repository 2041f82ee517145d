using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Calendar;

/// <summary>
/// The cities a person belongs to, whoever they are: the city of their group, of their household,
/// or the cities they work in as staff (national staff: all). Events and calendars start from it.
/// </summary>
public static class PersonScope
{
    public static async Task<IReadOnlyList<int>> CityIdsAsync(AppDbContext db, Guid userId, CancellationToken ct)
    {
        var national = await db.UserRoles.AnyAsync(ur => ur.UserId == userId
            && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.NationalStaff), ct);
        if (national)
        {
            return await db.Cities.Select(c => c.Id).ToListAsync(ct);
        }

        var staff = await db.Set<StaffCity>().Where(s => s.UserId == userId).Select(s => s.CityId).ToListAsync(ct);
        var member = await db.GroupMembers.Where(m => m.UserId == userId && m.ActiveEmail != null && m.ConfirmedAt != null)
            .Select(m => m.Group!.CityId).ToListAsync(ct);
        var household = await db.NewcomerHouseholds.Where(h => h.UserId == userId && h.Status != Newcomers.NewcomerStatus.Left)
            .Select(h => h.CityId).ToListAsync(ct);
        return [.. staff.Concat(member).Concat(household).Distinct()];
    }
}
