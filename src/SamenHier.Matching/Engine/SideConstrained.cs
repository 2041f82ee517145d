using System.Globalization;
using Google.OrTools.Sat;

namespace SamenHier.Matching.Engine;

/// <summary>
/// Limits that break the structure of a pure assignment: at most so many persons of resettled
/// households (who need a home there) matched in a municipality in one run, for example what the
/// homes the municipality has for the programme can hold. Keyed by municipality; households of the
/// welcome route already live there and do not count.
/// </summary>
public sealed record SideConstraints(IReadOnlyDictionary<string, int> MaxResettledPersons)
{
    /// <summary>
    /// CP-SAT's limit in deterministic time (its own unit, roughly seconds): unlike a wall-clock limit it
    /// stops at the same point on every machine, so the same input gives the same output.
    /// </summary>
    public double DeterministicTimeLimit { get; init; } = 10;
}

/// <summary>
/// The matching network as a CP-SAT model, for when a side constraint binds: a Boolean per kept
/// (household, group) pair and per (household, builder) pair; each household at most one group and,
/// if matched, exactly one builder; each group at most one household; each builder within their free
/// places; the resettled persons matched per limited municipality within the limit; maximise the total score.
/// One worker, so the search is deterministic.
/// </summary>
internal static class SideConstrained
{
    /// <summary>Whether any limit could be exceeded at all: otherwise the flow's optimum already respects it.</summary>
    public static bool Binds(SideConstraints side, CompiledHousehold[] households, List<(int Group, int Score)>[] kept) =>
        side.MaxResettledPersons.Any(limit =>
            households.Where((h, i) => kept[i].Count > 0 && Counts(h, limit.Key)).Sum(h => (long)h.Source.Size) > limit.Value);

    private static bool Counts(CompiledHousehold h, string municipality) =>
        h.Source.Route == Route.Resettlement && h.Source.Municipality == municipality;

    /// <summary>
    /// Makes a solution keep the limits: in each municipality over its limit, resettled households
    /// are unmatched, the lowest score (without the Match weight) first, until it fits.
    /// </summary>
    public static void CutBack(CompiledHousehold[] households, List<(int Group, int Score)>[] kept, SideConstraints side, int[] matchedGroupOf, Weights weights)
    {
        foreach (var (municipality, limit) in side.MaxResettledPersons.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var here = Enumerable.Range(0, households.Length)
                .Where(i => matchedGroupOf[i] >= 0 && Counts(households[i], municipality))
                .Select(i => (Household: i, Score: kept[i].First(p => p.Group == matchedGroupOf[i]).Score - weights.Match))
                .OrderBy(x => x.Score).ThenByDescending(x => households[x.Household].Source.Size).ThenBy(x => x.Household)
                .ToList();
            var persons = here.Sum(x => households[x.Household].Source.Size);
            foreach (var (i, _) in here)
            {
                if (persons <= limit)
                {
                    break;
                }

                persons -= households[i].Source.Size;
                matchedGroupOf[i] = -1;
            }
        }
    }

    /// <summary>
    /// Improves on the solution in <paramref name="matchedGroupOf"/> and <paramref name="builderOf"/>
    /// (which must keep the limits; CP-SAT starts from it) and writes the best found back.
    /// </summary>
    public static (long Bound, bool Optimal) Solve(
        CompiledHousehold[] households, List<(int Group, int Score)>[] kept, int[][] fitBuilders, Builder[] builders, int groupCount,
        SideConstraints side, int[] matchedGroupOf, int[] builderOf)
    {
        var model = new CpModel();
        var x = new BoolVar[households.Length][];
        var y = new BoolVar[households.Length][];
        var byGroup = new List<BoolVar>[groupCount];
        var byBuilder = new List<BoolVar>[builders.Length];
        var objective = new List<BoolVar>();
        var scores = new List<long>();
        var persons = new Dictionary<string, (List<BoolVar> Vars, List<long> Sizes)>(StringComparer.Ordinal);
        for (var i = 0; i < households.Length; i++)
        {
            x[i] = [.. kept[i].Select(p => model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"x{i}_{p.Group}")))];
            y[i] = kept[i].Count == 0 ? [] : [.. fitBuilders[i].Select(k => model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"y{i}_{k}")))];
            if (x[i].Length == 0)
            {
                continue;
            }

            model.AddAtMostOne(x[i]);
            model.Add(LinearExpr.Sum(x[i]) == LinearExpr.Sum(y[i]));
            var limited = side.MaxResettledPersons.ContainsKey(households[i].Source.Municipality) && Counts(households[i], households[i].Source.Municipality);
            for (var n = 0; n < x[i].Length; n++)
            {
                (byGroup[kept[i][n].Group] ??= []).Add(x[i][n]);
                objective.Add(x[i][n]);
                scores.Add(kept[i][n].Score);
                if (limited)
                {
                    if (!persons.TryGetValue(households[i].Source.Municipality, out var terms))
                    {
                        persons[households[i].Source.Municipality] = terms = ([], []);
                    }

                    terms.Vars.Add(x[i][n]);
                    terms.Sizes.Add(households[i].Source.Size);
                }
            }

            for (var n = 0; n < y[i].Length; n++)
            {
                (byBuilder[fitBuilders[i][n]] ??= []).Add(y[i][n]);
            }
        }

        foreach (var vars in byGroup.Where(v => v is not null))
        {
            model.AddAtMostOne(vars);
        }

        for (var k = 0; k < builders.Length; k++)
        {
            if (byBuilder[k] is { } vars)
            {
                model.Add(LinearExpr.Sum(vars) <= builders[k].FreeCapacity);
            }
        }

        foreach (var (municipality, (vars, sizes)) in persons.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            model.Add(LinearExpr.WeightedSum(vars, sizes) <= side.MaxResettledPersons[municipality]);
        }

        model.Maximize(LinearExpr.WeightedSum(objective, scores));
        for (var i = 0; i < households.Length; i++)
        {
            for (var n = 0; n < x[i].Length; n++)
            {
                model.AddHint(x[i][n], matchedGroupOf[i] == kept[i][n].Group);
            }

            for (var n = 0; n < y[i].Length; n++)
            {
                model.AddHint(y[i][n], matchedGroupOf[i] >= 0 && builderOf[i] == fitBuilders[i][n]);
            }
        }

        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"max_deterministic_time:{side.DeterministicTimeLimit} num_workers:1 linearization_level:2 random_seed:1"),
        };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // Nothing found in time: the cut-back solution stands, not proven optimal.
            return ((long)Math.Floor(solver.BestObjectiveBound + 1e-6), false);
        }

        Array.Fill(matchedGroupOf, -1);

        for (var i = 0; i < households.Length; i++)
        {
            for (var n = 0; n < x[i].Length; n++)
            {
                if (solver.BooleanValue(x[i][n]))
                {
                    matchedGroupOf[i] = kept[i][n].Group;
                }
            }

            for (var n = 0; n < y[i].Length; n++)
            {
                if (solver.BooleanValue(y[i][n]))
                {
                    builderOf[i] = fitBuilders[i][n];
                }
            }
        }

        return ((long)Math.Floor(solver.BestObjectiveBound + 1e-6), status == CpSolverStatus.Optimal);
    }
}
