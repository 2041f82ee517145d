using Microsoft.EntityFrameworkCore;
using SamenHier.Matching.Engine;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Matching;

/// <summary>
/// Per city: the groups ready and in preparation against the households waiting (per route), and the
/// community builders' free places against the households' languages — so a coordinator knows
/// whether to recruit groups or community builders, and speaking which language. Counts only.
/// </summary>
public sealed class CapacityForecast(AppDbContext db, CurrentStaff staff, TimeProvider time)
{
    /// <summary>How far ahead a resettled household's expected arrival counts as "arriving soon".</summary>
    public const int SoonDays = 90;

    public sealed record RouteRow(Cities.GroupType Type, int Ready, int Preparing, int Waiting, int ArrivingSoon)
    {
        /// <summary>Households that no group ready or in preparation could take.</summary>
        public int GroupsShort => Math.Max(0, Waiting - Ready - Preparing);
    }

    public sealed record LanguageRow(string Language, int Households, int BuilderPlaces);

    /// <summary>
    /// <paramref name="UnservedHouseholds"/>: waiting households that no community builder with a free
    /// place could take, however the places were shared; <paramref name="UnservedLanguages"/>: the
    /// languages they speak (besides Dutch), with how many of them speak each.
    /// </summary>
    public sealed record City(
        int Id, string Name, IReadOnlyList<RouteRow> Routes, IReadOnlyList<LanguageRow> Languages, int FreePlaces,
        int UnservedHouseholds, IReadOnlyDictionary<string, int> UnservedLanguages, int? HousingPlaces);

    public async Task<IReadOnlyList<City>> ForCitiesAsync(IReadOnlyList<int> cityIds, CancellationToken ct)
    {
        var allowed = await staff.CityIdsAsync(ct);
        var ids = cityIds.Where(allowed.Contains).ToList();
        var cities = await db.Cities.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Name, c.HousingPlaces }).ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking()
            .Where(g => ids.Contains(g.CityId) && (g.Status == GroupStatus.ReadyToMatch || g.Status == GroupStatus.Complete))
            .GroupBy(g => new { g.CityId, g.Type, g.Status })
            .Select(x => new { x.Key.CityId, x.Key.Type, x.Key.Status, Count = x.Count() })
            .ToListAsync(ct);
        var households = await db.NewcomerHouseholds.AsNoTracking()
            .Where(h => ids.Contains(h.CityId) && h.Status == NewcomerStatus.Waiting)
            .Select(h => new { h.Id, h.CityId, h.Route, h.ExpectedArrival, h.ContactLanguage, Languages = h.People.Select(p => p.Languages).ToList() })
            .ToListAsync(ct);
        var builders = await (await staff.ActiveCommunityBuildersAsync(ct))
            .Where(u => u.Cities.Any(c => ids.Contains(c.CityId)))
            .Select(u => new
            {
                u.Id,
                u.Languages,
                Cities = u.Cities.Select(c => c.CityId).ToList(),
                Free = u.GroupCapacity - CommunityBuilders.BuilderLoad.Active(db.Groups).Count(g => g.CommunityBuilderId == u.Id),
            })
            .ToListAsync(ct);

        var soon = time.TodayInNetherlands().AddDays(SoonDays);
        var engineBuilders = builders.Where(b => b.Free > 0)
            .Select(b => new Builder(MatchingInputBuilder.Key(b.Id), b.Cities.Select(MatchingInputBuilder.Municipality).ToHashSet(StringComparer.Ordinal), MatchingInputBuilder.BuilderLanguages(b.Languages), b.Free))
            .ToList();
        var languagesOf = households.ToDictionary(
            h => h.Id,
            h => MatchingInputBuilder.HouseholdLanguages(h.Languages, h.ContactLanguage));

        // Every waiting household as if it were matched now: which could get a community builder? (A
        // builder may work in several cities, so this is solved for all the cities at once.)
        var needs = households.Select(h => new BuilderAssignment.Need(MatchingInputBuilder.Key(h.Id), MatchingInputBuilder.Municipality(h.CityId), languagesOf[h.Id])).ToList();
        var assignment = BuilderAssignment.Solve(needs, engineBuilders);
        var unserved = assignment.Unassigned.ToHashSet(StringComparer.Ordinal);

        return [.. cities.Select(c =>
        {
            var here = households.Where(h => h.CityId == c.Id).ToList();
            int Count(Cities.GroupType type, GroupStatus status) => groups.Where(g => g.CityId == c.Id && g.Type == type && g.Status == status).Sum(g => g.Count);
            var routes = new[] { (Cities.GroupType.Sponsor, NewcomerRoute.Resettlement), (Cities.GroupType.Welcome, NewcomerRoute.Welcome) }
                .Select(x => new RouteRow(
                    x.Item1,
                    Count(x.Item1, GroupStatus.ReadyToMatch),
                    Count(x.Item1, GroupStatus.Complete),
                    here.Count(h => h.Route == x.Item2),
                    here.Count(h => h.Route == x.Item2 && h.ExpectedArrival is { } arrival && arrival <= soon)))
                .ToList();
            var localBuilders = builders.Where(b => b.Cities.Contains(c.Id) && b.Free > 0).ToList();
            var languages = here.SelectMany(h => languagesOf[h.Id]).Where(l => l != "nl").Distinct().Order(StringComparer.Ordinal)
                .Select(l => new LanguageRow(
                    l,
                    here.Count(h => languagesOf[h.Id].Contains(l)),
                    localBuilders.Where(b => MatchingInputBuilder.Keys(b.Languages).Contains(l)).Sum(b => b.Free)))
                .ToList();
            var unservedHere = here.Where(h => unserved.Contains(MatchingInputBuilder.Key(h.Id))).ToList();
            var unservedLanguages = unservedHere.SelectMany(h => languagesOf[h.Id]).Where(l => l != "nl")
                .CountBy(l => l).OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal)
                .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
            return new City(c.Id, c.Name, routes, languages, localBuilders.Sum(b => b.Free), unservedHere.Count, unservedLanguages, c.HousingPlaces);
        })];
    }
}
