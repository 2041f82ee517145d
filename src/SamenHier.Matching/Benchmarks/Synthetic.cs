using SamenHier.Matching.Engine;

namespace SamenHier.Matching.Benchmarks;

/// <summary>
/// A realistic synthetic programme for benchmarks and tests: municipalities of different sizes,
/// newcomer languages with realistic frequencies, households of one to seven people, groups of both
/// kinds, and hard rules that leave most pairs infeasible. The same seed gives the same programme.
/// </summary>
public static class Synthetic
{
    private static readonly (string Language, int Weight)[] NewcomerLanguages =
        [("ar", 30), ("ti", 18), ("fa", 14), ("so", 8), ("uk", 12), ("ps", 6), ("ku", 5), ("tr", 3), ("fr", 4)];

    private static readonly string[] GroupLanguages = ["en", "ar", "fr", "de", "es", "tr", "uk", "fa"];

    private static readonly string[] Sectors =
        ["education", "health", "ict", "construction", "hospitality", "retail", "government", "finance", "culture", "social", "logistics", "engineering"];

    private static readonly string[] Interests =
        ["cooking", "football", "music", "walking", "cycling", "gardening", "art", "chess", "swimming", "reading", "faith", "crafts"];

    private static readonly string[] Needs = ["wheelchair", "ground-floor", "hearing"];

    private static readonly string[] Tags = ["women", "family", "faith", "young", "quiet"];

    public static MatchingInput Programme(int households, int groups, int builders, int seed, int? municipalities = null)
    {
        var random = new Random(seed);
        var places = Enumerable.Range(1, municipalities ?? Math.Max(4, (households + groups) / 400)).Select(i => $"m{i:000}").ToArray();
        // Larger towns take more: weight by 1/rank (Zipf-like).
        var placeWeights = places.Select((_, i) => 1.0 / (i + 1)).ToArray();

        var householdList = new List<Household>(households);
        for (var i = 0; i < households; i++)
        {
            var size = 1 + Math.Min(6, (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 1.6));
            var people = Enumerable.Range(0, size).Select(p => new Person(
                p < 2 ? 20 + random.Next(40) : random.Next(18),
                Some(random, Sectors, p < 2 ? 2 : 1))).ToList();
            var first = Pick(random, NewcomerLanguages);
            var languages = new HashSet<string>(StringComparer.Ordinal) { first };
            if (random.NextDouble() < 0.4)
            {
                languages.Add(random.NextDouble() < 0.6 ? "en" : Pick(random, NewcomerLanguages));
            }

            householdList.Add(new Household(
                $"h{i:000000}",
                Pick(random, places, placeWeights),
                random.NextDouble() < 0.7 ? Route.Resettlement : Route.Welcome,
                people,
                languages,
                random.NextDouble() < 0.08 ? Some(random, Needs, 1) : new HashSet<string>(),
                Some(random, Interests, 3),
                random.NextDouble() < 0.2 ? Some(random, Tags, 1) : new HashSet<string>(),
                random.NextDouble() < 0.3 ? Some(random, Tags, 1) : new HashSet<string>(),
                random.Next(720)));
        }

        var groupList = new List<Group>(groups);
        for (var j = 0; j < groups; j++)
        {
            groupList.Add(new Group(
                $"g{j:000000}",
                Pick(random, places, placeWeights),
                random.NextDouble() < 0.65 ? GroupKind.Sponsor : GroupKind.Welcome,
                2 + random.Next(6),
                random.NextDouble() < 0.15 ? Some(random, Needs, 2) : new HashSet<string>(),
                Some(random, GroupLanguages, 1 + random.Next(3)),
                Some(random, Sectors, 3 + random.Next(3)),
                Some(random, Interests, 4),
                random.NextDouble() < 0.6,
                random.NextDouble() < 0.2 ? Some(random, Tags, 1) : new HashSet<string>(),
                random.NextDouble() < 0.4 ? Some(random, Tags, 1) : new HashSet<string>(),
                random.Next(365)));
        }

        var builderList = new List<Builder>(builders);
        for (var k = 0; k < builders; k++)
        {
            var home = Pick(random, places, placeWeights);
            var towns = new HashSet<string>(StringComparer.Ordinal) { home };
            if (random.NextDouble() < 0.3)
            {
                towns.Add(Pick(random, places, placeWeights));
            }

            var speaks = new HashSet<string>(StringComparer.Ordinal) { Pick(random, NewcomerLanguages) };
            if (random.NextDouble() < 0.5)
            {
                speaks.Add(Pick(random, NewcomerLanguages));
            }

            builderList.Add(new Builder($"b{k:00000}", towns, speaks, 1 + random.Next(4)));
        }

        return new MatchingInput(householdList, groupList, builderList, [], []);
    }

    private static string Pick(Random random, (string Value, int Weight)[] options)
    {
        var roll = random.Next(options.Sum(o => o.Weight));
        foreach (var (value, weight) in options)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return options[^1].Value;
    }

    private static string Pick(Random random, string[] options, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < options.Length; i++)
        {
            if (roll < weights[i])
            {
                return options[i];
            }

            roll -= weights[i];
        }

        return options[^1];
    }

    private static HashSet<string> Some(Random random, string[] options, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => options[random.Next(options.Length)])];
}
