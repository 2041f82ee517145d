using Google.OrTools.Graph;

namespace SamenHier.Matching.Engine;

/// <summary>
/// Community builders for groups that are already matched (agreed pairs, or a builder who left): a
/// transportation problem solved as a maximum flow of least cost. As many groups as possible get a
/// builder who works in the municipality and speaks one of the household's languages, within each
/// builder's free places; among those assignments, the one where builders share the most languages
/// with their households.
/// </summary>
public static class BuilderAssignment
{
    /// <summary>A matched group that needs a builder: where, and the languages of its household.</summary>
    public sealed record Need(string GroupId, string Municipality, IReadOnlySet<string> Languages);

    public sealed record Result(IReadOnlyDictionary<string, string> BuilderOfGroup, IReadOnlyList<string> Unassigned, long SharedLanguages);

    public static Result Solve(IReadOnlyList<Need> needs, IReadOnlyList<Builder> builders)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(builders);
        var ordered = needs.OrderBy(n => n.GroupId, StringComparer.Ordinal).ToArray();
        var available = builders.Where(b => b.FreeCapacity > 0).OrderBy(b => b.Id, StringComparer.Ordinal).ToArray();
        var byPlace = Enumerable.Range(0, available.Length)
            .SelectMany(k => available[k].Municipalities.Select(m => (m, k)))
            .GroupBy(x => x.m, StringComparer.Ordinal)
            .ToDictionary(x => x.Key, x => x.Select(y => y.k).ToArray(), StringComparer.Ordinal);

        // Nodes: 0 source, 1 sink, the needs, the builders.
        using var flow = new MinCostFlow();
        var arcs = new List<(int Arc, int Need, int Builder, int Shared)>();
        for (var n = 0; n < ordered.Length; n++)
        {
            flow.AddArcWithCapacityAndUnitCost(0, 2 + n, 1, 0);
            if (!byPlace.TryGetValue(ordered[n].Municipality, out var local))
            {
                continue;
            }

            foreach (var k in local)
            {
                var shared = available[k].Languages.Count(ordered[n].Languages.Contains);
                if (shared > 0)
                {
                    arcs.Add((flow.AddArcWithCapacityAndUnitCost(2 + n, 2 + ordered.Length + k, 1, -shared), n, k, shared));
                }
            }
        }

        for (var k = 0; k < available.Length; k++)
        {
            flow.AddArcWithCapacityAndUnitCost(2 + ordered.Length + k, 1, available[k].FreeCapacity, 0);
        }

        var units = Math.Min(ordered.Length, available.Sum(b => (long)b.FreeCapacity));
        flow.SetNodeSupply(0, units);
        flow.SetNodeSupply(1, -units);
        if (units > 0 && flow.SolveMaxFlowWithMinCost() != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException("The builder assignment did not solve.");
        }

        var builderOf = new Dictionary<string, string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var (arc, n, k, shared) in arcs)
        {
            if (units > 0 && flow.Flow(arc) > 0)
            {
                builderOf[ordered[n].GroupId] = available[k].Id;
                total += shared;
            }
        }

        return new Result(builderOf, [.. ordered.Where(n => !builderOf.ContainsKey(n.GroupId)).Select(n => n.GroupId)], total);
    }
}
