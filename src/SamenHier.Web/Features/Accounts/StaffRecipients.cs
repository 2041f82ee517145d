using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Accounts;

/// <summary>Staff who can be e-mailed about something, in their own language.</summary>
public sealed record StaffRecipient(string Email, string Name, string Language);

/// <summary>Who hears about something in a city: the one place that knows who its active coordinators are.</summary>
public static class StaffRecipients
{
    /// <summary>The city's coordinators whose access is not taken away and who have an address.</summary>
    public static async Task<List<StaffRecipient>> CoordinatorsOfAsync(AppDbContext db, int cityId, CancellationToken ct)
    {
        var role = db.Roles.Where(r => r.Name == StaffRoles.Coordinator).Select(r => r.Id);
        return await db.Users
            .Where(u => u.Email != null && u.DisabledAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)) && u.Cities.Any(c => c.CityId == cityId))
            .Select(u => new StaffRecipient(u.Email!, u.DisplayName, u.Language))
            .ToListAsync(ct);
    }

    /// <summary>The community builder at a group's side, while their access is not taken away; null when none.</summary>
    public static Task<StaffRecipient?> BuilderOfAsync(AppDbContext db, Guid groupId, CancellationToken ct) =>
        db.Groups.Where(g => g.Id == groupId && g.CommunityBuilderId != null)
            .Join(db.Users.Where(u => u.DisabledAt == null && u.Email != null), g => g.CommunityBuilderId, u => u.Id, (g, u) => new StaffRecipient(u.Email!, u.DisplayName, u.Language))
            .SingleOrDefaultAsync(ct);
}
