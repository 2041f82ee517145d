using Microsoft.EntityFrameworkCore;
using SamenHier.Matching.Engine;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Infrastructure.Security;

namespace SamenHier.Web.Features.Matching;

/// <summary>
/// Turns the database into the engine's input for a set of cities: the households waiting, the groups
/// ready to match, and the community builders of those cities with their free places. The engine sees
/// ids, ages, languages, sectors, interests, accessibility and waiting time: never names or nationality.
/// </summary>
public static class MatchingInputBuilder
{
    /// <summary>What the run needs besides the engine's input: the pinned pairs and the builders' ids by key.</summary>
    public sealed record Snapshot(
        IReadOnlyList<SamenHier.Matching.Engine.Household> Households,
        IReadOnlyList<SamenHier.Matching.Engine.Group> Groups,
        IReadOnlyList<Builder> Builders,
        IReadOnlyList<PairDecision> Excluded,
        IReadOnlyList<PairDecision> Pinned);

    public static async Task<Snapshot> LoadAsync(AppDbContext db, RestrictedData restricted, IQueryable<AppUser> builders, IReadOnlyList<int> cityIds, DateOnly today, CancellationToken ct)
    {
        var households = await db.NewcomerHouseholds.AsNoTracking()
            .Where(h => cityIds.Contains(h.CityId) && h.Status == NewcomerStatus.Waiting)
            .Include(h => h.People)
            .OrderBy(h => h.Id)
            .ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking()
            .Where(g => cityIds.Contains(g.CityId) && g.Status == GroupStatus.ReadyToMatch)
            .Include(g => g.Members).ThenInclude(m => m.Languages)
            .OrderBy(g => g.Id)
            .AsSplitQuery()
            .ToListAsync(ct);

        // A ready group's builder is provisional: the run may give it another, so its place counts as free.
        var builderRows = await builders
            .Where(u => u.Cities.Any(c => cityIds.Contains(c.CityId)))
            .Select(u => new
            {
                u.Id,
                u.Languages,
                u.GroupCapacity,
                Cities = u.Cities.Select(c => c.CityId).ToList(),
                Load = CommunityBuilders.BuilderLoad.Active(db.Groups).Count(g => g.CommunityBuilderId == u.Id && g.Status != GroupStatus.ReadyToMatch),
            })
            .OrderBy(u => u.Id)
            .ToListAsync(ct);

        var groupIds = groups.Select(g => g.Id).ToList();
        var rules = await db.PairRules.AsNoTracking()
            .Where(r => r.LiftedAt == null && groupIds.Contains(r.GroupId))
            .ToListAsync(ct);
        var householdIds = households.Select(h => h.Id).ToHashSet();
        rules = [.. rules.Where(r => householdIds.Contains(r.HouseholdId))];

        return new Snapshot(
            [.. households.Select(h => HouseholdOf(h, restricted, today))],
            [.. groups.Select(g => GroupOf(g, today))],
            [.. builderRows.Select(b => new Builder(
                Key(b.Id),
                b.Cities.Where(cityIds.Contains).Select(Municipality).ToHashSet(StringComparer.Ordinal),
                BuilderLanguages(b.Languages),
                Math.Max(0, b.GroupCapacity - b.Load)))],
            [.. rules.Where(r => r.Kind == PairRuleKind.Excluded).Select(r => new PairDecision(Key(r.HouseholdId), Key(r.GroupId))).Distinct()],
            // One pin per group and per household: the latest wins.
            [.. rules.Where(r => r.Kind == PairRuleKind.Pinned).OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
                .DistinctBy(r => r.GroupId).DistinctBy(r => r.HouseholdId)
                .Select(r => new PairDecision(Key(r.HouseholdId), Key(r.GroupId)))]);
    }

    public static string Key(Guid id) => id.ToString("N");

    public static string Municipality(int cityId) => cityId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static SamenHier.Matching.Engine.Household HouseholdOf(NewcomerHousehold h, RestrictedData restricted, DateOnly today) => new(
        Key(h.Id),
        Municipality(h.CityId),
        h.Route == NewcomerRoute.Resettlement ? SamenHier.Matching.Engine.Route.Resettlement : SamenHier.Matching.Engine.Route.Welcome,
        [.. h.People.OrderBy(p => p.Id).Select(p => new Person(Math.Max(0, today.Year - p.BirthYear), Keys(p.GoalSectors)))],
        HouseholdLanguages(h.People.Select(p => p.Languages), h.ContactLanguage),
        Keys(restricted.Reveal(nameof(h.AccessibilityNeeds), h.AccessibilityNeeds)),
        Interests.Words(h.People.Select(p => p.Interests)),
        Keys(h.Wishes),
        Keys(h.Traits),
        Math.Max(0, today.DayNumber - DateOnly.FromDateTime(h.CreatedAt.UtcDateTime).DayNumber));

    public static SamenHier.Matching.Engine.Group GroupOf(Groups.Group g, DateOnly today) => new(
        Key(g.Id),
        Municipality(g.CityId),
        g.Type == Cities.GroupType.Sponsor ? GroupKind.Sponsor : GroupKind.Welcome,
        g.MaxHouseholdSize ?? 0,
        Keys(g.AccessibilityOffered),
        g.Members.Where(m => m.Present).SelectMany(m => m.Languages).Select(l => l.Language).Where(l => l != "other").ToHashSet(StringComparer.Ordinal),
        g.Members.Where(m => m.Present).SelectMany(m => Keys(m.NetworkSectors)).ToHashSet(StringComparer.Ordinal),
        Interests.Words(g.Members.Where(m => m.Present).Select(m => m.Interests)),
        g.ChildrenExperience,
        Keys(g.Wishes),
        Keys(g.Traits),
        g.ReadyAt is { } ready ? Math.Max(0, today.DayNumber - DateOnly.FromDateTime(ready.UtcDateTime).DayNumber) : 0);

    /// <summary>Every builder speaks Dutch; their profile lists the languages besides.</summary>
    public static HashSet<string> BuilderLanguages(string languages) =>
        Keys(languages).Append("nl").ToHashSet(StringComparer.Ordinal);

    public static HashSet<string> Keys(string? commaSeparated) =>
        CommunityBuilders.BuilderLoad.Split(commaSeparated ?? "").ToHashSet(StringComparer.Ordinal);

    /// <summary>A household's languages: its people's and the one to contact it in ("other" says nothing to match on).</summary>
    public static HashSet<string> HouseholdLanguages(IEnumerable<string> peopleLanguages, string contactLanguage) =>
        peopleLanguages.SelectMany(LanguageKeys).Append(contactLanguage).Where(l => l != "other").ToHashSet(StringComparer.Ordinal);

    /// <summary>"ar:native,en:basic" → ar, en.</summary>
    public static IEnumerable<string> LanguageKeys(string languages) =>
        languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(':')[0]);
}

/// <summary>
/// Interests are free text on both sides ("voetbal, koken"); the score compares their words: lower
/// case, at least four letters, without common filler words. Crude but visible: staff see the same text.
/// </summary>
public static partial class Interests
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "and", "with", "from", "that", "this", "have", "like", "very", "also", "other",
        "heel", "graag", "ook", "maar", "voor", "met", "van", "een", "het", "zijn", "houden", "houdt", "andere", "veel", "samen",
    };

    public static HashSet<string> Words(IEnumerable<string?> texts)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            foreach (var word in NotALetter().Split(text.ToLowerInvariant()))
            {
                if (word.Length >= 4 && !Filler.Contains(word))
                {
                    words.Add(word);
                }
            }
        }

        return words;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\p{L}]+")]
    private static partial System.Text.RegularExpressions.Regex NotALetter();
}
