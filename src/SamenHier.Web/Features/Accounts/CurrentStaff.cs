using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// Who is asking, and the scope that every back-office query applies: national staff see every
/// city, coordinators and community builders only their own. Loaded once per request.
/// </summary>
public sealed class CurrentStaff(IHttpContextAccessor accessor, AppDbContext db)
{
    private IReadOnlyList<int>? _cityIds;

    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid Id => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public bool IsNational => User.IsInRole(StaffRoles.NationalStaff);

    public async Task<IReadOnlyList<int>> CityIdsAsync(CancellationToken ct)
    {
        if (_cityIds is null)
        {
            var userId = Id;
            _cityIds = IsNational
                ? await db.Cities.Select(c => c.Id).ToListAsync(ct)
                : await db.Set<StaffCity>().Where(s => s.UserId == userId).Select(s => s.CityId).ToListAsync(ct);
        }

        return _cityIds;
    }

    /// <summary>
    /// The groups this person may see; other records never load. Community builders will see the
    /// groups assigned to them once matching assigns them; until then, none.
    /// </summary>
    public async Task<IQueryable<Group>> GroupsAsync(CancellationToken ct)
    {
        if (!IsNational && !User.IsInRole(StaffRoles.Coordinator))
        {
            return db.Groups.Where(g => false);
        }

        var cities = await CityIdsAsync(ct);
        return db.Groups.Where(g => cities.Contains(g.CityId));
    }

    public Task<AppUser?> UserAsync(UserManager<AppUser> users) => users.GetUserAsync(User);
}
