using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Forms;

namespace SamenHier.Web.Features.Cities;

/// <summary>The cities the public site offers to choose from (active and preparing), for forms.</summary>
public static class PublicCities
{
    public static async Task<IReadOnlyList<Choice>> ChoicesAsync(AppDbContext db, CancellationToken ct) =>
        [.. (await db.Cities.AsNoTracking()
                .Where(c => c.State == CityState.Active || c.State == CityState.Preparing)
                .OrderBy(c => c.Name).Select(c => new { c.Slug, c.Name }).ToListAsync(ct))
            .Select(c => new Choice(c.Slug, c.Name))];

    /// <summary>The city with this address word, if the public site offers it.</summary>
    public static Task<City?> FindAsync(AppDbContext db, string? slug, CancellationToken ct) =>
        string.IsNullOrEmpty(slug)
            ? Task.FromResult<City?>(null)
            : db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug && (c.State == CityState.Active || c.State == CityState.Preparing), ct);
}
