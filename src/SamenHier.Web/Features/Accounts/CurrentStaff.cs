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

    public bool IsCoordinator => IsNational || User.IsInRole(StaffRoles.Coordinator);

    /// <summary>
    /// The groups this person may see; other records never load. Coordinators see their cities'
    /// groups; community builders only the groups assigned to them.
    /// </summary>
    public async Task<IQueryable<Group>> GroupsAsync(CancellationToken ct)
    {
        if (!IsCoordinator)
        {
            var me = Id;
            return AssignedGroups();
        }

        if (IsNational)
        {
            // Every city: no list of fifty ids for the database to match (it would pass over the
            // lists' indexes to use the city's).
            return db.Groups;
        }

        var cities = await CityIdsAsync(ct);
        return db.Groups.Where(g => cities.Contains(g.CityId));
    }

    /// <summary>The newcomer households in this person's cities: every household for national staff
    /// (no list of fifty ids for the database to match, as for <see cref="GroupsAsync"/>).</summary>
    public async Task<IQueryable<Newcomers.NewcomerHousehold>> HouseholdsAsync(CancellationToken ct)
    {
        if (IsNational)
        {
            return db.NewcomerHouseholds;
        }

        var cities = await CityIdsAsync(ct);
        return db.NewcomerHouseholds.Where(h => cities.Contains(h.CityId));
    }

    /// <summary>The groups at whose side this person stands as community builder.</summary>
    public IQueryable<Group> AssignedGroups()
    {
        var me = Id;
        return User.IsInRole(StaffRoles.CommunityBuilder) && me != Guid.Empty
            ? CommunityBuilders.BuilderLoad.Active(db.Groups).Where(g => g.CommunityBuilderId == me)
            : db.Groups.Where(g => false);
    }

    /// <summary>
    /// The community builders this person may see: for coordinators, those working in one of their
    /// cities; national staff see all.
    /// </summary>
    /// <summary>The community builders this staff member may give a group or a match to: in scope, and not disabled.</summary>
    public async Task<IQueryable<AppUser>> ActiveCommunityBuildersAsync(CancellationToken ct) =>
        (await CommunityBuildersAsync(ct)).Where(u => u.DisabledAt == null);

    public async Task<IQueryable<AppUser>> CommunityBuildersAsync(CancellationToken ct)
    {
        var role = await db.Roles.Where(r => r.Name == StaffRoles.CommunityBuilder).Select(r => r.Id).SingleAsync(ct);
        var builders = db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role));
        if (!IsCoordinator)
        {
            return builders.Where(u => false);
        }

        if (IsNational)
        {
            return builders;
        }

        var cities = await CityIdsAsync(ct);
        return builders.Where(u => u.Cities.Any(c => cities.Contains(c.CityId)));
    }

    public Task<AppUser?> UserAsync(UserManager<AppUser> users) => users.GetUserAsync(User);
}
