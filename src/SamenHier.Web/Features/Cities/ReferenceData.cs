using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Cities;

/// <summary>
/// The cities the programme starts with (DOMAIN.md). Inserted when missing; never overwrites what staff changed.
/// </summary>
public static class ReferenceData
{
    public static readonly IReadOnlyList<City> Cities =
    [
        new() { Slug = "den-haag", Name = "Den Haag", State = CityState.Active, PartnerName = "Justice & Peace Nederland", SponsorGroupsOpen = true, WelcomeGroupsOpen = true, SortOrder = 1 },
        new() { Slug = "rotterdam", Name = "Rotterdam", State = CityState.Active, SponsorGroupsOpen = true, SortOrder = 2 },
        new() { Slug = "almere", Name = "Almere", State = CityState.Active, SponsorGroupsOpen = true, SortOrder = 3 },
        new() { Slug = "haarlem", Name = "Haarlem", State = CityState.Active, SponsorGroupsOpen = true, SortOrder = 4 },
        new() { Slug = "amsterdam", Name = "Amsterdam", State = CityState.Preparing, SortOrder = 5 },
        new() { Slug = "groningen", Name = "Groningen", State = CityState.Preparing, SortOrder = 6 },
        new() { Slug = "leidschendam-voorburg", Name = "Leidschendam-Voorburg", State = CityState.Preparing, SortOrder = 7 },
    ];

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.Cities.Select(c => c.Slug).ToListAsync(ct);
        foreach (var city in Cities.Where(c => !existing.Contains(c.Slug)))
        {
            db.Cities.Add(new City
            {
                Slug = city.Slug,
                Name = city.Name,
                State = city.State,
                PartnerName = city.PartnerName,
                SponsorGroupsOpen = city.SponsorGroupsOpen,
                WelcomeGroupsOpen = city.WelcomeGroupsOpen,
                SortOrder = city.SortOrder,
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
