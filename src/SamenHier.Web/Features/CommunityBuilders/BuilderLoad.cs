using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.CommunityBuilders;

/// <summary>What a community builder carries: their active groups against their capacity.</summary>
public static class BuilderLoad
{
    public sealed record Row(Guid Id, string Name, string Email, string Cities, string Languages, int Current, int Capacity)
    {
        public int Free => Math.Max(0, Capacity - Current);
    }

    /// <summary>Groups count against a builder's capacity until the year is completed or the group stops.</summary>
    public static IQueryable<Group> Active(IQueryable<Group> groups) =>
        groups.Where(g => g.Status != GroupStatus.Expired && g.Status != GroupStatus.Withdrawn && g.Status != GroupStatus.Completed);

    public static async Task<IReadOnlyList<Row>> RowsAsync(AppDbContext db, IQueryable<AppUser> builders, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var active = Active(db.Groups);
        var list = await builders
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.Languages,
                u.GroupCapacity,
                Cities = u.Cities.OrderBy(c => c.City!.SortOrder).Select(c => c.City!.Name).ToList(),
                Current = active.Count(g => g.CommunityBuilderId == u.Id),
            })
            .ToListAsync(ct);
        return [.. list.Select(u => new Row(
            u.Id, u.DisplayName, u.Email ?? "", string.Join(", ", u.Cities), LanguageNames(u.Languages, t), u.Current, u.GroupCapacity))];
    }

    public static string LanguageNames(string keys, IStringLocalizer<SharedResource> t) =>
        string.Join(", ", Split(keys).Select(k => t[$"Language_{k}"].Value));

    public static IReadOnlyList<string> Split(string keys) =>
        [.. keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
