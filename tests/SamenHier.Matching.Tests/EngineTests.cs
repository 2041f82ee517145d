using SamenHier.Matching.Benchmarks;
using SamenHier.Matching.Engine;

namespace SamenHier.Matching.Tests;

/// <summary>The matching engine: optimal (against brute force), never against a hard rule, deterministic, and explained.</summary>
public sealed class EngineTests
{
    private static HashSet<string> Set(params string[] values) => [.. values];

    private static Household Household(string id, string town = "Almere", Route route = Route.Resettlement, int size = 2, string[]? languages = null,
        string[]? needs = null, int days = 0, int children = 0, string[][]? goals = null) =>
        new(id, town, route,
            [.. Enumerable.Range(0, size).Select(p => new Person(p < size - children ? 35 : 8, goals is not null && p < goals.Length ? Set(goals[p]) : Set()))],
            Set(languages ?? ["ar"]), Set(needs ?? []), Set("cooking"), Set(), Set(), days);

    private static Group Group(string id, string town = "Almere", GroupKind kind = GroupKind.Sponsor, int max = 5, string[]? offers = null,
        string[]? sectors = null, bool children = false, int days = 0) =>
        new(id, town, kind, max, Set(offers ?? []), Set("en"), Set(sectors ?? []), Set("cooking"), children, Set(), Set(), days);

    private static Builder Builder(string id, string town = "Almere", string[]? languages = null, int capacity = 5) =>
        new(id, Set(town), Set(languages ?? ["ar"]), capacity);

    private static MatchingInput Input(IEnumerable<Household> households, IEnumerable<Group> groups, IEnumerable<Builder> builders, PairDecision[]? excluded = null) =>
        new([.. households], [.. groups], [.. builders], excluded ?? [], []);

    /// <summary>The best total score over every way to pair them, by enumeration, with a feasible builder assignment.</summary>
    private static long BruteForce(MatchingInput input, Weights weights, Dictionary<string, int>? maxPersons = null)
    {
        var excluded = input.Excluded.Select(e => (e.HouseholdId, e.GroupId)).ToHashSet();
        long best = 0;
        var used = new bool[input.Groups.Count];
        var chosen = new List<(Household H, Group G)>();

        void Visit(int i, long score)
        {
            if (i == input.Households.Count)
            {
                if (score > best && BuildersSuffice([.. chosen.Select(c => c.H)], input.Builders)
                    && (maxPersons is null || chosen.Where(c => c.H.Route == Route.Resettlement).GroupBy(c => c.H.Municipality).All(m => !maxPersons.TryGetValue(m.Key, out var max) || m.Sum(c => c.H.Size) <= max)))
                {
                    best = score;
                }

                return;
            }

            Visit(i + 1, score);
            var h = input.Households[i];
            for (var j = 0; j < input.Groups.Count; j++)
            {
                var g = input.Groups[j];
                if (!used[j] && Rules.Check(h, g, excluded.Contains((h.Id, g.Id))) == Rules.Blocked.None)
                {
                    used[j] = true;
                    chosen.Add((h, g));
                    Visit(i + 1, score + ScoreBreakdown.For(h, g, weights).Total);
                    chosen.RemoveAt(chosen.Count - 1);
                    used[j] = false;
                }
            }
        }

        Visit(0, 0);
        return best;
    }

    private static bool BuildersSuffice(List<Household> matched, IReadOnlyList<Builder> builders)
    {
        var left = builders.Select(b => b.FreeCapacity).ToArray();

        bool Assign(int i)
        {
            if (i == matched.Count)
            {
                return true;
            }

            for (var k = 0; k < builders.Count; k++)
            {
                if (left[k] > 0 && Rules.BuilderFits(builders[k], matched[i]))
                {
                    left[k]--;
                    if (Assign(i + 1))
                    {
                        return true;
                    }

                    left[k]++;
                }
            }

            return false;
        }

        return Assign(0);
    }

    private static void AssertNoHardRuleBroken(MatchingInput input, MatchingResult result)
    {
        var households = input.Households.ToDictionary(h => h.Id);
        var groups = input.Groups.ToDictionary(g => g.Id);
        var builders = input.Builders.ToDictionary(b => b.Id);
        var excluded = input.Excluded.Select(e => (e.HouseholdId, e.GroupId)).ToHashSet();
        Assert.Equal(result.Proposals.Count, result.Proposals.Select(p => p.HouseholdId).Distinct().Count());
        Assert.Equal(result.Proposals.Count, result.Proposals.Select(p => p.GroupId).Distinct().Count());
        foreach (var p in result.Proposals)
        {
            Assert.Equal(Rules.Blocked.None, Rules.Check(households[p.HouseholdId], groups[p.GroupId], excluded.Contains((p.HouseholdId, p.GroupId))));
            Assert.True(Rules.BuilderFits(builders[p.BuilderId], households[p.HouseholdId]));
        }

        foreach (var load in result.Proposals.GroupBy(p => p.BuilderId))
        {
            Assert.True(load.Count() <= builders[load.Key].FreeCapacity, $"{load.Key} carries {load.Count()}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void ALimitOnResettledPersonsPerMunicipality_IsKept_AndTheOptimumStillAgreesWithBruteForce(int seed)
    {
        var input = Synthetic.Programme(7, 6, 4, seed, municipalities: 2);
        // Each municipality may house half the resettled persons waiting there: the limit binds.
        var limits = input.Households.Where(h => h.Route == Route.Resettlement).GroupBy(h => h.Municipality).ToDictionary(m => m.Key, m => m.Sum(h => h.Size) / 2);
        var side = new SideConstraints(limits);

        var result = MatchingEngine.Solve(input, side: side);

        Assert.True(result.Optimal);
        Assert.Equal(BruteForce(input, Weights.Default, limits), result.TotalScore);
        Assert.Equal(result.TotalScore, result.Bound);
        AssertNoHardRuleBroken(input, result);
        var households = input.Households.ToDictionary(h => h.Id);
        foreach (var place in result.Proposals.Where(p => households[p.HouseholdId].Route == Route.Resettlement).GroupBy(p => households[p.HouseholdId].Municipality))
        {
            Assert.True(place.Sum(p => households[p.HouseholdId].Size) <= limits[place.Key]);
        }

        // The same input gives the same output, and a limit that cannot bind changes nothing.
        Assert.Equal(result.Proposals.Select(p => (p.HouseholdId, p.GroupId, p.BuilderId)), MatchingEngine.Solve(input, side: side).Proposals.Select(p => (p.HouseholdId, p.GroupId, p.BuilderId)));
        var loose = new SideConstraints(limits.ToDictionary(l => l.Key, _ => 1000));
        Assert.Equal(MatchingEngine.Solve(input).Proposals.Select(p => (p.HouseholdId, p.GroupId)), MatchingEngine.Solve(input, side: loose).Proposals.Select(p => (p.HouseholdId, p.GroupId)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void SmallRandomProgrammes_AgreeWithBruteForce_AndBreakNoHardRule(int seed)
    {
        var input = Synthetic.Programme(6, 6, 3, seed, municipalities: 2);
        var random = new Random(seed);
        var excluded = input.Households.SelectMany(h => input.Groups.Where(_ => random.NextDouble() < 0.1).Select(g => new PairDecision(h.Id, g.Id))).ToArray();
        input = input with { Excluded = excluded };

        var result = MatchingEngine.Solve(input);

        Assert.Equal(BruteForce(input, Weights.Default), result.TotalScore);
        Assert.Equal(result.TotalScore, MatchingEngine.Solve(input, null, null, startPerHousehold: 1).TotalScore);
        Assert.Equal(result.TotalScore, result.Bound);
        Assert.Equal(result.TotalScore, result.Proposals.Sum(p => (long)p.Score.Total));
        AssertNoHardRuleBroken(input, result);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    public void ThePricedFlow_StartingWithFewGroups_ReachesTheSameOptimumAsTheWholeNetwork(int seed, int start)
    {
        var input = Synthetic.Programme(300, 600, 60, seed, municipalities: 3);

        var whole = MatchingEngine.Solve(input, null, null, startPerHousehold: int.MaxValue);
        var priced = MatchingEngine.Solve(input, null, null, startPerHousehold: start);

        Assert.Equal(1, whole.PricingRounds);
        Assert.True(priced.PricingRounds > 1, $"one round with {priced.PairsInNetwork} of {whole.PairsInNetwork} pairs");
        // From two groups each, the certificate (not the last round's "everything") ends the search.
        Assert.True(start == 1 || priced.PairsInNetwork < whole.PairsInNetwork, $"{priced.PairsInNetwork} of {whole.PairsInNetwork} pairs");
        Assert.Equal(whole.TotalScore, priced.TotalScore);
        Assert.Equal(priced.TotalScore, priced.Bound);
        Assert.Equal(whole.Proposals.Count, priced.Proposals.Count);
        AssertNoHardRuleBroken(input, priced);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void LargerRandomProgrammes_BreakNoHardRule_AndAreDeterministic(int seed)
    {
        var input = Synthetic.Programme(300, 500, 40, seed);
        var shuffled = input with
        {
            Households = [.. input.Households.OrderBy(h => h.Id.GetHashCode(StringComparison.Ordinal))],
            Groups = [.. input.Groups.Reverse()],
            Builders = [.. input.Builders.Reverse()],
        };

        var first = MatchingEngine.Solve(input);
        var second = MatchingEngine.Solve(shuffled);

        AssertNoHardRuleBroken(input, first);
        Assert.NotEmpty(first.Proposals);
        Assert.Equal(first.TotalScore, second.TotalScore);
        Assert.Equal(first.Proposals.Select(p => (p.HouseholdId, p.GroupId, p.BuilderId)), second.Proposals.Select(p => (p.HouseholdId, p.GroupId, p.BuilderId)));
    }

    [Fact]
    public void UnmatchedHouseholds_AreGivenTheRuleThatBlockedThem()
    {
        var input = Input(
            [
                Household("tigrinya", languages: ["ti"]),
                Household("too-large", size: 7),
                Household("welcome", route: Route.Welcome),
                Household("elsewhere", town: "Groningen"),
                Household("wheelchair", needs: ["wheelchair"]),
                Household("excluded", town: "Haarlem"),
            ],
            [Group("g1"), Group("g2"), Group("haarlem", town: "Haarlem")],
            [Builder("b-ar"), Builder("b-haarlem", town: "Haarlem")],
            [new PairDecision("excluded", "haarlem")]);

        var result = MatchingEngine.Solve(input);
        var reasons = result.UnmatchedHouseholds.ToDictionary(u => u.Id);

        Assert.Equal(UnmatchedReason.NoBuilder, reasons["tigrinya"].Reason);
        Assert.Equal(["ti", "Almere"], reasons["tigrinya"].Details);
        Assert.Equal(UnmatchedReason.HouseholdTooLarge, reasons["too-large"].Reason);
        Assert.Equal(UnmatchedReason.NoneOfType, reasons["welcome"].Reason);
        Assert.Equal(UnmatchedReason.NoneInMunicipality, reasons["elsewhere"].Reason);
        Assert.Equal(UnmatchedReason.AccessibilityNotMet, reasons["wheelchair"].Reason);
        Assert.Equal(UnmatchedReason.AllExcluded, reasons["excluded"].Reason);
        // Almere's groups fit only the Tigrinya-speaking household, which has no builder; Haarlem's only pair was excluded.
        Assert.Equal(
            [("g1", UnmatchedReason.NoBuilder), ("g2", UnmatchedReason.NoBuilder), ("haarlem", UnmatchedReason.AllExcluded)],
            result.UnmatchedGroups.Select(u => (u.Id, u.Reason)));
        Assert.Equal(["ti", "Almere"], result.UnmatchedGroups[0].Details);
    }

    [Fact]
    public void TheWholeHouseholdCounts_AndLongerWaitsWinAContestedGroup()
    {
        var mother = new[] { "health" };
        var input = Input(
            [
                // Two adults whose goals both meet the group's sectors, against one very employable adult.
                Household("family", goals: [mother, ["education"]]),
                Household("single", size: 1, goals: [["health", "education", "ict"]]),
            ],
            [Group("school", sectors: ["health", "education"])],
            [Builder("b")]);

        var result = MatchingEngine.Solve(input);

        var proposal = Assert.Single(result.Proposals);
        Assert.Equal("family", proposal.HouseholdId);
        Assert.Equal(2 * Weights.Default.GoalSector, proposal.Score.Points[Criterion.GoalSectors]);
        var alternative = Assert.Single(result.Alternatives["single"]);
        Assert.Equal(("school", Weights.Default.Match + Weights.Default.GoalSector + Weights.Default.SharedInterest), (alternative.GroupId, alternative.Score));

        // A year of waiting outweighs one person's goals: nobody is passed over for ever.
        var waited = MatchingEngine.Solve(input with { Households = [input.Households[0], input.Households[1] with { DaysWaiting = 365 }] });
        Assert.Equal("single", Assert.Single(waited.Proposals).HouseholdId);
        Assert.Equal(12 * Weights.Default.HouseholdWaitPerMonth, waited.Proposals[0].Score.Points[Criterion.HouseholdWait]);
    }

    [Fact]
    public void BuilderCapacity_IsSharedAcrossTheRun_AndAgreedPairsStayOut()
    {
        var input = Input(
            [Household("h1"), Household("h2"), Household("h3")],
            [Group("g1"), Group("g2"), Group("g3")],
            [Builder("only", capacity: 2)]) with
        { Agreed = [new PairDecision("h3", "g3")] };

        var result = MatchingEngine.Solve(input);

        Assert.Equal(2, result.Proposals.Count);
        Assert.All(result.Proposals, p => Assert.Equal("only", p.BuilderId));
        Assert.DoesNotContain(result.Proposals, p => p.HouseholdId == "h3" || p.GroupId == "g3");
        Assert.Equal([new PairDecision("h3", "g3")], result.Agreed);
    }

    [Fact]
    public void ScoreBreakdown_HasNoNationalityCriterion_AndAddsUp()
    {
        Assert.DoesNotContain(Enum.GetNames<Criterion>(), n => n.Contains("Nation", StringComparison.OrdinalIgnoreCase) || n.Contains("Country", StringComparison.OrdinalIgnoreCase));
        var breakdown = ScoreBreakdown.For(Household("h", children: 1, days: 95), Group("g", children: true, days: 40), Weights.Default);
        Assert.Equal(Weights.Default.Children, breakdown.Points[Criterion.Children]);
        Assert.Equal(3 * Weights.Default.HouseholdWaitPerMonth, breakdown.Points[Criterion.HouseholdWait]);
        Assert.Equal(Weights.Default.GroupWaitPerMonth, breakdown.Points[Criterion.GroupWait]);
        Assert.Equal(breakdown.Points.Values.Sum(), breakdown.Total);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PackedScoring_GivesTheScoreBreakdownsTotal_AndTheSameSizeAndAccessibilityRules_ForEveryPair(int seed)
    {
        var input = Synthetic.Programme(60, 80, 5, seed, municipalities: 1);
        // Weights unlike the defaults, so a criterion scored with the wrong weight shows.
        var weights = new Weights { Match = 1000, SharedLanguage = 7, GoalSector = 11, SharedInterest = 13, Children = 17, HouseholdWaitPerMonth = 19, GroupWaitPerMonth = 23, Wish = 29 };
        var vocabulary = MatchingEngine.VocabularyOf(input.Households, input.Groups, input.Builders);
        Assert.True(PackedScore.Fits(vocabulary));

        var checkedPairs = 0;
        foreach (var household in input.Households)
        {
            var packedHousehold = new PackedHousehold(new CompiledHousehold(household, vocabulary), weights);
            foreach (var group in input.Groups)
            {
                var packedGroup = new PackedGroup(new CompiledGroup(group, vocabulary), weights);
                var rule = Rules.Check(household, group with { Municipality = household.Municipality, Kind = household.Route == Route.Resettlement ? GroupKind.Sponsor : GroupKind.Welcome }, excluded: false);
                Assert.Equal(rule == Rules.Blocked.None, PackedScore.Fits(packedHousehold, packedGroup));
                Assert.Equal(ScoreBreakdown.For(household, group, weights).Total, PackedScore.Total(packedHousehold, packedGroup, weights));
                checkedPairs++;
            }
        }

        Assert.Equal(60 * 80, checkedPairs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AVocabularyOfMoreThan64Values_IsScoredTheSlowerWay_AndStillAgreesWithBruteForce(int seed)
    {
        var input = Synthetic.Programme(6, 6, 3, seed, municipalities: 2);
        // Seventy interests of one's own each: the sets no longer fit one 64-bit word.
        input = input with
        {
            Households = [.. input.Households.Select((h, n) => h with { Interests = h.Interests.Concat(Enumerable.Range(0, 35).Select(x => $"h{n}-{x}")).ToHashSet() })],
            Groups = [.. input.Groups.Select((g, n) => g with { Interests = g.Interests.Concat(Enumerable.Range(0, 35).Select(x => $"g{n}-{x}")).ToHashSet() })],
        };
        Assert.False(PackedScore.Fits(MatchingEngine.VocabularyOf(input.Households, input.Groups, input.Builders)));

        var result = MatchingEngine.Solve(input);

        Assert.Equal(BruteForce(input, Weights.Default), result.TotalScore);
        Assert.Equal(result.TotalScore, result.Proposals.Sum(p => (long)p.Score.Total));
        AssertNoHardRuleBroken(input, result);
    }

    [Theory]
    [InlineData(50, 10)]
    [InlineData(50, 1_000_000)]
    [InlineData(400, 40)]
    [InlineData(400, 1_000_000_000)]
    public void KeepBest_KeepsTheHighestScores_LowestGroupFirstAmongEquals_InGroupOrder(int count, int range)
    {
        // Narrow ranges are counted, wide ones sorted: both must keep the same pairs.
        var random = new Random(count + range);
        var scored = Enumerable.Range(0, count).Select(j => (Group: j * 3, Score: 10_000 + random.Next(range))).ToList();
        foreach (var keep in new[] { 1, 7, count / 2, count })
        {
            var expected = scored.OrderByDescending(c => c.Score).ThenBy(c => c.Group).Take(keep).OrderBy(c => c.Group).ToList();
            var kept = new List<(int Group, int Score)>(scored);

            MatchingEngine.KeepBest(kept, keep);

            Assert.Equal(expected, kept);
        }
    }
}
