using System.Diagnostics;
using Google.OrTools.Graph;

namespace SamenHier.Matching.Engine;

/// <summary>
/// Proposes the pairs of households, groups and community builders with the highest total score,
/// provably: the hard rules filter the arcs of one min-cost flow (OR-Tools <see cref="MinCostFlow"/>)
/// that goes source → group → household → community builder → sink, so each unit of flow is a
/// (group, household, builder) triple and builders' capacities are kept in the same optimum. The
/// flow is a maximum flow of least cost: as many households matched as possible, then the best
/// total score among those. The same
/// input gives the same output: everything is ordered by id before the network is built.
/// </summary>
public static class MatchingEngine
{
    /// <summary>How many next-best groups are kept per household for the explanation.</summary>
    public const int AlternativesPerHousehold = 3;

    /// <param name="input">What the run looks at.</param>
    /// <param name="weights">The score's weights (the defaults when null).</param>
    /// <param name="side">
    /// Limits that break the flow's structure (resettled persons per municipality). When one binds,
    /// the same network is solved with CP-SAT instead, within a deterministic time limit, and the
    /// result says whether the optimum is proven and the bound reached.
    /// </param>
    public static MatchingResult Solve(MatchingInput input, Weights? weights = null, SideConstraints? side = null) =>
        Solve(input, weights, side, PricedFlow.StartPerHousehold);

    /// <summary>As above, with each household starting with <paramref name="startPerHousehold"/> groups in the priced flow (tests make it small, to exercise the rounds).</summary>
    internal static MatchingResult Solve(MatchingInput input, Weights? weights, SideConstraints? side, int startPerHousehold)
    {
        ArgumentNullException.ThrowIfNull(input);
        weights ??= Weights.Default;
        var clock = Stopwatch.StartNew();
        var phases = new List<(string Phase, TimeSpan Elapsed)>();
        var phaseStart = TimeSpan.Zero;
        void Phase(string name)
        {
            phases.Add((name, clock.Elapsed - phaseStart));
            phaseStart = clock.Elapsed;
        }

        var agreedHouseholds = input.Agreed.Select(a => a.HouseholdId).ToHashSet(StringComparer.Ordinal);
        var agreedGroups = input.Agreed.Select(a => a.GroupId).ToHashSet(StringComparer.Ordinal);
        var excluded = input.Excluded.Select(e => (e.HouseholdId, e.GroupId)).ToHashSet();
        var excludedGroupsOf = input.Excluded.ToLookup(e => e.HouseholdId, e => e.GroupId, StringComparer.Ordinal);
        var vocabulary = VocabularyOf(input.Households, input.Groups, input.Builders);
        var households = input.Households.Where(h => !agreedHouseholds.Contains(h.Id)).OrderBy(h => h.Id, StringComparer.Ordinal)
            .Select(h => new CompiledHousehold(h, vocabulary)).ToArray();
        var groups = input.Groups.Where(g => !agreedGroups.Contains(g.Id)).OrderBy(g => g.Id, StringComparer.Ordinal)
            .Select(g => new CompiledGroup(g, vocabulary)).ToArray();
        var builders = input.Builders.Where(b => b.FreeCapacity > 0).OrderBy(b => b.Id, StringComparer.Ordinal).ToArray();
        var builderLanguages = builders.Select(b => Bits.Of(b.Languages, vocabulary)).ToArray();

        Phase("input");

        // Groups by municipality and kind, so each household meets only the groups that could fit.
        var groupsByPlace = Enumerable.Range(0, groups.Length)
            .GroupBy(j => (groups[j].Source.Municipality, groups[j].Source.Kind))
            .ToDictionary(x => x.Key, x => x.ToArray());
        var buildersByPlace = Enumerable.Range(0, builders.Length)
            .SelectMany(k => builders[k].Municipalities.Select(m => (m, k)))
            .GroupBy(x => x.m, StringComparer.Ordinal)
            .ToDictionary(x => x.Key, x => x.Select(y => y.k).ToArray(), StringComparer.Ordinal);

        // A household can only lose one of its best groups to another household of the same bucket
        // (municipality and kind) that is matched too, and no more of those can be matched than the
        // bucket has households with a builder or its municipality has builder places. So keeping each
        // household's best K groups, K = the smaller of those two numbers, keeps
        // the optimum: if a household ended outside its best K, one of them would be free and at
        // least as good (its builder does not depend on the group, nor do the persons placed in its
        // municipality, so the side constraints keep this true).
        var placesPerMunicipality = builders
            .SelectMany(b => b.Municipalities.Select(m => (m, b.FreeCapacity)))
            .GroupBy(x => x.m, StringComparer.Ordinal)
            .ToDictionary(x => x.Key, x => x.Sum(y => (long)y.FreeCapacity), StringComparer.Ordinal);

        // Scoring, household by household and in parallel: its fitting groups, its best few (for the
        // explanation) and those kept for the optimisation. Every result is written per household or
        // summed, so it does not depend on the order the threads run in.
        var fitBuilders = new int[households.Length][];
        var hasBuilder = new bool[households.Length];
        for (var i = 0; i < households.Length; i++)
        {
            fitBuilders[i] = buildersByPlace.TryGetValue(households[i].Source.Municipality, out var local)
                ? [.. local.Where(k => builderLanguages[k].Overlaps(households[i].Languages))]
                : [];
            hasBuilder[i] = fitBuilders[i].Length > 0;
        }

        // Only households with a builder can be matched, so only they compete.
        var householdsPerBucket = Enumerable.Range(0, households.Length).Where(i => hasBuilder[i])
            .GroupBy(i => (households[i].Source.Municipality, households[i].Source.Route == Route.Resettlement ? GroupKind.Sponsor : GroupKind.Welcome))
            .ToDictionary(x => x.Key, x => x.Count());
        var kept = new List<(int Group, int Score)>[households.Length];
        var alternatives = new List<(int Group, int Score)>[households.Length];
        var fitting = new int[households.Length];
        // Per group: how many households fit it, and how many of those have a builder (for the explanation).
        var fittingGroup = new int[groups.Length];
        var fittingGroupWithBuilder = new int[groups.Length];
        // Each thread counts in its own arrays (no shared writes per pair), summed at the end.
        var countsLock = new object();
        // The sets side by side as single words, when they fit one (the usual case): scoring a pair is then a few instructions.
        var packedGroups = PackedScore.Fits(vocabulary) ? groups.Select(g => new PackedGroup(g, weights)).ToArray() : null;
        Parallel.For(0, households.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => (Fit: new int[groups.Length], FitWithBuilder: new int[groups.Length]),
            (i, _, local) =>
        {
            var h = households[i];
            var kind = h.Source.Route == Route.Resettlement ? GroupKind.Sponsor : GroupKind.Welcome;
            kept[i] = [];
            alternatives[i] = [];
            if (!groupsByPlace.TryGetValue((h.Source.Municipality, kind), out var candidates))
            {
                return local;
            }

            var scored = new List<(int Group, int Score)>(candidates.Length);
            var excludedHere = excludedGroupsOf.Contains(h.Source.Id) ? excludedGroupsOf[h.Source.Id].ToHashSet(StringComparer.Ordinal) : null;
            var packedHousehold = packedGroups is null ? null : new PackedHousehold(h, weights);
            foreach (var j in candidates)
            {
                int score;
                if (packedGroups is not null)
                {
                    ref readonly var g = ref packedGroups[j];
                    if (!PackedScore.Fits(packedHousehold!, g) || (excludedHere is not null && excludedHere.Contains(groups[j].Source.Id)))
                    {
                        continue;
                    }

                    score = PackedScore.Total(packedHousehold!, g, weights);
                }
                else
                {
                    var g = groups[j];
                    if (h.Source.Size > g.Source.MaxHouseholdSize || !h.Needs.IsSubsetOf(g.Offered) || (excludedHere is not null && excludedHere.Contains(g.Source.Id)))
                    {
                        continue;
                    }

                    score = FastScore.Total(h, g, weights);
                }

                scored.Add((j, score));
                local.Fit[j]++;
                if (hasBuilder[i])
                {
                    local.FitWithBuilder[j]++;
                }
            }

            fitting[i] = scored.Count;
            alternatives[i] = Best(scored, AlternativesPerHousehold + 1);
            if (!hasBuilder[i] || scored.Count == 0)
            {
                return local;
            }

            var keep = (int)Math.Min(householdsPerBucket[(h.Source.Municipality, kind)], placesPerMunicipality.GetValueOrDefault(h.Source.Municipality));
            if (scored.Count > keep)
            {
                KeepBest(scored, keep);
            }

            kept[i] = scored;
            return local;
        },
            local =>
        {
            lock (countsLock)
            {
                for (var j = 0; j < groups.Length; j++)
                {
                    fittingGroup[j] += local.Fit[j];
                    fittingGroupWithBuilder[j] += local.FitWithBuilder[j];
                }
            }
        });

        Phase("scoring");
        var matchedGroupOf = new int[households.Length];
        Array.Fill(matchedGroupOf, -1);
        var builderOf = new int[households.Length];
        long bound;
        bool optimal;
        int inNetwork;
        var rounds = 0;
        if (side is not null && SideConstrained.Binds(side, households, kept))
        {
            // The flow's optimum without the limits, cut back to them, is where CP-SAT starts (and what
            // stands if it finds nothing better in time).
            PricedFlow.Solve(groups.Length, builders, kept, fitBuilders, matchedGroupOf, builderOf, startPerHousehold);
            SideConstrained.CutBack(households, kept, side, matchedGroupOf, weights);
            (bound, optimal) = SideConstrained.Solve(households, kept, fitBuilders, builders, groups.Length, side, matchedGroupOf, builderOf);
            inNetwork = kept.Sum(k => k.Count);
            Phase("solve");
        }
        else
        {
            var priced = PricedFlow.Solve(groups.Length, builders, kept, fitBuilders, matchedGroupOf, builderOf, startPerHousehold);
            (bound, optimal, inNetwork, rounds) = (priced.Bound, true, priced.PairsInNetwork, priced.Rounds);
            phases.Add(("network", priced.Build));
            phases.Add(("flow", priced.Flow));
            phases.Add(("certificate", priced.Certificate));
            phaseStart = clock.Elapsed;
        }
        var groupMatched = new bool[groups.Length];
        foreach (var j in matchedGroupOf)
        {
            if (j >= 0)
            {
                groupMatched[j] = true;
            }
        }

        var proposals = new List<Proposal>();
        var alternativesById = new Dictionary<string, IReadOnlyList<Alternative>>(StringComparer.Ordinal);
        long total = 0;
        Span<int> points = stackalloc int[FastScore.CriterionCount];
        for (var i = 0; i < households.Length; i++)
        {
            var chosen = matchedGroupOf[i];
            var chosenScore = 0;
            if (chosen >= 0)
            {
                FastScore.Fill(households[i], groups[chosen], weights, points);
                var breakdown = ScoreBreakdown.FromPoints(points);
                chosenScore = breakdown.Total;
                total += chosenScore;
                proposals.Add(new Proposal(households[i].Source.Id, groups[chosen].Source.Id, builders[builderOf[i]].Id, breakdown));
            }

            var others = alternatives[i].Where(a => a.Group != chosen).OrderByDescending(a => a.Score).ThenBy(a => a.Group).Take(AlternativesPerHousehold);
            alternativesById[households[i].Source.Id] = [.. others.Select(a => new Alternative(groups[a.Group].Source.Id, a.Score, chosenScore - a.Score))];
        }

        var withBuilder = Enumerable.Range(0, households.Length).Where(i => hasBuilder[i]).Select(i => households[i].Source.Id).ToHashSet(StringComparer.Ordinal);
        var groupsIn = groups.Select(g => g.Source).ToLookup(g => g.Municipality, StringComparer.Ordinal);
        var householdsIn = households.Select(h => h.Source).ToLookup(h => h.Municipality, StringComparer.Ordinal);
        // A resettled household that fitted and had a builder, but whose persons no longer fit in the
        // homes left in its municipality, is told so rather than "competition".
        var housedPersons = Enumerable.Range(0, households.Length)
            .Where(i => matchedGroupOf[i] >= 0 && households[i].Source.Route == Route.Resettlement)
            .GroupBy(i => households[i].Source.Municipality, StringComparer.Ordinal)
            .ToDictionary(x => x.Key, x => x.Sum(i => households[i].Source.Size), StringComparer.Ordinal);
        bool NoHome(Household h) =>
            side is not null && h.Route == Route.Resettlement && side.MaxResettledPersons.TryGetValue(h.Municipality, out var limit)
            && limit - housedPersons.GetValueOrDefault(h.Municipality) < h.Size;
        var unmatchedHouseholds = Enumerable.Range(0, households.Length)
            .Where(i => matchedGroupOf[i] < 0)
            .Select(i => fitting[i] > 0 && hasBuilder[i] && NoHome(households[i].Source)
                ? new Unmatched(households[i].Source.Id, UnmatchedReason.NoHousing, [households[i].Source.Municipality])
                : WhyNot(households[i], fitting[i], hasBuilder[i], groupsIn[households[i].Source.Municipality], excluded))
            .ToList();
        var unmatchedGroups = Enumerable.Range(0, groups.Length)
            .Where(j => !groupMatched[j])
            .Select(j => fittingGroup[j] == 0
                ? WhyNot(groups[j].Source, householdsIn[groups[j].Source.Municipality], excluded, withBuilder)
                : fittingGroupWithBuilder[j] > 0
                    ? new Unmatched(groups[j].Source.Id, UnmatchedReason.Competition, [])
                    : WhyNot(groups[j].Source, householdsIn[groups[j].Source.Municipality], excluded, withBuilder))
            .ToList();

        Phase("results");
        return new MatchingResult(
            proposals,
            alternativesById,
            unmatchedHouseholds,
            unmatchedGroups,
            input.Agreed,
            total,
            bound,
            optimal,
            fitting.Sum(),
            clock.Elapsed)
        {
            PairsInNetwork = inNetwork,
            PricingRounds = rounds,
            Phases = phases,
        };
    }

    /// <summary>Every distinct value of the run's sets, numbered.</summary>
    internal static Vocabulary VocabularyOf(IEnumerable<Household> households, IEnumerable<Group> groups, IEnumerable<Builder> builders) =>
        new(households.SelectMany(h => h.Languages.Concat(h.AccessibilityNeeds).Concat(h.Interests).Concat(h.Wishes).Concat(h.Traits).Concat(h.People.SelectMany(p => p.GoalSectors)))
            .Concat(groups.SelectMany(g => g.AccessibilityOffered.Concat(g.Languages).Concat(g.Sectors).Concat(g.Interests).Concat(g.Wishes).Concat(g.Traits)))
            .Concat(builders.SelectMany(b => b.Languages)));

    /// <summary>
    /// Keeps the <paramref name="keep"/> highest scores (ties: lowest group index), in group order.
    /// The threshold comes from counting the scores (they span a few thousand points at most), or
    /// from sorting them when they span more.
    /// </summary>
    internal static void KeepBest(List<(int Group, int Score)> scored, int keep)
    {
        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var (_, score) in scored)
        {
            min = Math.Min(min, score);
            max = Math.Max(max, score);
        }

        int threshold;
        var above = 0;
        if ((long)max - min < 4 * (long)scored.Count + 1024)
        {
            var counts = new int[max - min + 1];
            foreach (var (_, score) in scored)
            {
                counts[score - min]++;
            }

            // Walk down from the top until the keep-th highest score.
            var at = counts.Length - 1;
            while (above + counts[at] < keep)
            {
                above += counts[at--];
            }

            threshold = at + min;
        }
        else
        {
            var scores = new int[scored.Count];
            for (var n = 0; n < scored.Count; n++)
            {
                scores[n] = scored[n].Score;
            }

            Array.Sort(scores);
            threshold = scores[scores.Length - keep];
            foreach (var s in scores)
            {
                if (s > threshold)
                {
                    above++;
                }
            }
        }

        // Every score above the threshold, and as many at it as fit, lowest group index first (the list is in group order).
        var atThreshold = keep - above;
        scored.RemoveAll(c => c.Score < threshold || (c.Score == threshold && atThreshold-- <= 0));
    }

    /// <summary>The best few (highest score, then lowest index), in one pass: the alternatives shown per household.</summary>
    private static List<(int Group, int Score)> Best(List<(int Group, int Score)> scored, int count)
    {
        var best = new List<(int Group, int Score)>(count + 1);
        foreach (var candidate in scored)
        {
            var at = best.Count;
            while (at > 0 && (best[at - 1].Score < candidate.Score || (best[at - 1].Score == candidate.Score && best[at - 1].Group > candidate.Group)))
            {
                at--;
            }

            if (at < count)
            {
                best.Insert(at, candidate);
                if (best.Count > count)
                {
                    best.RemoveAt(count);
                }
            }
        }

        return best;
    }

    private static Unmatched WhyNot(CompiledHousehold h, int fitting, bool hasBuilder, IEnumerable<Group> localGroups, HashSet<(string, string)> excluded)
    {
        var household = h.Source;
        if (fitting > 0)
        {
            return hasBuilder
                ? new Unmatched(household.Id, UnmatchedReason.Competition, [])
                : new Unmatched(household.Id, UnmatchedReason.NoBuilder, [.. household.Languages.Order(StringComparer.Ordinal), household.Municipality]);
        }

        // The rule that stopped the group that came furthest.
        var furthest = localGroups
            .Select(g => Rules.Check(household, g, excluded.Contains((household.Id, g.Id))))
            .DefaultIfEmpty(Rules.Blocked.Municipality)
            .Max();
        var reason = furthest switch
        {
            Rules.Blocked.Municipality => UnmatchedReason.NoneInMunicipality,
            Rules.Blocked.GroupType => UnmatchedReason.NoneOfType,
            Rules.Blocked.HouseholdSize => UnmatchedReason.HouseholdTooLarge,
            Rules.Blocked.Accessibility => UnmatchedReason.AccessibilityNotMet,
            _ => UnmatchedReason.AllExcluded,
        };
        return new Unmatched(household.Id, reason, [household.Municipality]);
    }

    private static Unmatched WhyNot(Group group, IEnumerable<Household> localHouseholds, HashSet<(string, string)> excluded, HashSet<string> withBuilder)
    {
        var checks = localHouseholds.Select(h => (Household: h, Blocked: Rules.Check(h, group, excluded.Contains((h.Id, group.Id))))).ToList();
        var fitting = checks.Where(c => c.Blocked == Rules.Blocked.None).Select(c => c.Household).ToList();
        if (fitting.Count > 0)
        {
            return fitting.Any(h => withBuilder.Contains(h.Id))
                ? new Unmatched(group.Id, UnmatchedReason.Competition, [])
                : new Unmatched(group.Id, UnmatchedReason.NoBuilder, [.. fitting.SelectMany(h => h.Languages).Distinct().Order(StringComparer.Ordinal), group.Municipality]);
        }

        var furthest = checks.Select(c => c.Blocked).DefaultIfEmpty(Rules.Blocked.Municipality).Max();
        var reason = furthest switch
        {
            Rules.Blocked.Municipality => UnmatchedReason.NoneInMunicipality,
            Rules.Blocked.GroupType => UnmatchedReason.NoneOfType,
            Rules.Blocked.HouseholdSize => UnmatchedReason.HouseholdTooLarge,
            Rules.Blocked.Accessibility => UnmatchedReason.AccessibilityNotMet,
            _ => UnmatchedReason.AllExcluded,
        };
        return new Unmatched(group.Id, reason, [group.Municipality]);
    }
}
