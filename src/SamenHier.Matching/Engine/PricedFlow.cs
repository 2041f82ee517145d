using System.Diagnostics;
using Google.OrTools.Graph;

namespace SamenHier.Matching.Engine;

/// <summary>
/// The min-cost flow of <see cref="MatchingEngine"/> (source → group → household → kind of household →
/// builder → sink), solved on each household's few best groups first and then proven optimal for all
/// of them (column generation). After each solve, the residual graph gives a certificate:
/// <list type="number">
/// <item>no augmenting path from source to sink, even through the pairs left out (so the number of
/// matches is the maximum), and</item>
/// <item>node potentials (shortest distances in the residual graph, which has no negative cycle
/// because the flow is optimal for the pairs in it) under which every pair left out has a
/// non-negative reduced cost (so adding it cannot create a negative cycle: the cost is the least).</item>
/// </list>
/// A pair that breaks either is added and the network solved again, until none does. The answer is
/// the optimum over every candidate pair, with far fewer arcs in the network.
/// </summary>
internal static class PricedFlow
{
    /// <summary>
    /// How many of its best groups each household starts with: enough that one round usually
    /// certifies (measured on the synthetic programmes in docs/benchmarks.md), few enough that the
    /// network is a fraction of the exact pruning's.
    /// </summary>
    public const int StartPerHousehold = 96;

    /// <summary>After this many rounds, the remaining candidates all go in (a guaranteed last round).</summary>
    private const int MaxRounds = 8;

    /// <param name="Bound">The total score of the optimum.</param>
    /// <param name="PairsInNetwork">The pairs in the last network solved.</param>
    /// <param name="Rounds">How many networks were solved.</param>
    /// <param name="Build">Time spent building the networks.</param>
    /// <param name="Flow">Time spent in the solver.</param>
    /// <param name="Certificate">Time spent proving the optimum (or finding the pairs to add).</param>
    public sealed record Outcome(long Bound, int PairsInNetwork, int Rounds, TimeSpan Build, TimeSpan Flow, TimeSpan Certificate);

    /// <summary>Solves over <c>candidates</c> (per household, every pair that may be part of an optimum, after the exact pruning) and writes the matches.</summary>
    public static Outcome Solve(
        int groupCount, Builder[] builders, List<(int Group, int Score)>[] candidates, int[][] fitBuilders,
        int[] matchedGroupOf, int[] builderOf, int startPerHousehold = StartPerHousehold)
    {
        var householdCount = candidates.Length;
        // Every unit of flow crosses exactly one pair arc, so the arcs cost the highest score minus
        // their own: small, non-negative costs (the solver's cost scaling needs fewer phases) with the
        // same optimum. Matching as many as possible comes first anyway: the solver finds a maximum
        // flow, then the least cost among maximum flows.
        var offset = 0L;
        foreach (var list in candidates)
        {
            foreach (var (_, score) in list)
            {
                offset = Math.Max(offset, score);
            }
        }

        var inNetwork = new List<(int Group, int Score)>[householdCount];
        for (var i = 0; i < householdCount; i++)
        {
            var start = new List<(int Group, int Score)>(candidates[i]);
            if (start.Count > startPerHousehold)
            {
                MatchingEngine.KeepBest(start, startPerHousehold);
            }

            inNetwork[i] = start;
        }

        var clock = Stopwatch.StartNew();
        TimeSpan build = default, flow = default, certificate = default;
        for (var round = 1; ; round++)
        {
            var network = Network.Build(groupCount, builders, inNetwork, fitBuilders, offset);
            build += clock.Elapsed;
            clock.Restart();
            if (network.Units == 0)
            {
                return new Outcome(0, network.PairCount, round, build, flow, certificate);
            }

            var bound = network.Solve();
            flow += clock.Elapsed;
            clock.Restart();
            var missing = round >= MaxRounds ? AllMissing(candidates, inNetwork) : network.Violations(candidates, inNetwork);
            certificate += clock.Elapsed;
            clock.Restart();
            if (missing.Count == 0)
            {
                network.Read(matchedGroupOf, builderOf);
                return new Outcome(bound, network.PairCount, round, build, flow, certificate);
            }

            // A household with a pair that breaks the certificate gets that pair and its next best
            // groups (as many again as it started with), so a few rounds settle it.
            foreach (var household in missing.GroupBy(m => m.Household))
            {
                var i = household.Key;
                var present = inNetwork[i].Select(p => p.Group).ToHashSet();
                var more = candidates[i].Where(c => !present.Contains(c.Group)).ToList();
                var wanted = household.Select(m => m.Group).ToHashSet();
                var extra = more.Where(c => !wanted.Contains(c.Group)).ToList();
                if (extra.Count > startPerHousehold)
                {
                    MatchingEngine.KeepBest(extra, startPerHousehold);
                }

                wanted.UnionWith(extra.Select(c => c.Group));
                inNetwork[i].AddRange(more.Where(c => wanted.Contains(c.Group)));
            }
        }
    }

    private static List<(int Household, int Group, int Score)> AllMissing(List<(int Group, int Score)>[] candidates, List<(int Group, int Score)>[] inNetwork)
    {
        var missing = new List<(int, int, int)>();
        for (var i = 0; i < candidates.Length; i++)
        {
            if (candidates[i].Count == inNetwork[i].Count)
            {
                continue;
            }

            var present = inNetwork[i].Select(p => p.Group).ToHashSet();
            missing.AddRange(candidates[i].Where(c => !present.Contains(c.Group)).Select(c => (i, c.Group, c.Score)));
        }

        return missing;
    }

    /// <summary>
    /// The network as arrays (so the residual graph can be read back), and the solver on it. Households
    /// with the same community builders to choose from (the same municipality and languages) share one
    /// node towards those builders, so the builder arcs are per kind of household, not per household:
    /// a household's single arc to its kind's node carries at most one unit, which keeps it to one group.
    /// </summary>
    private sealed class Network
    {
        private readonly int _groupCount;
        private readonly int _householdCount;
        private readonly int _kindCount;
        private readonly List<int> _tail = [];
        private readonly List<int> _head = [];
        private readonly List<long> _capacity = [];
        private readonly List<long> _cost = [];
        private long[] _flow = [];
        private readonly List<(int Arc, int Household, int Group)> _pairArcs = [];
        private readonly List<(int Arc, int Household, int Kind)> _kindArcs = [];
        private readonly List<(int Arc, int Kind, int Builder)> _builderArcs = [];

        private readonly long _offset;

        private Network(int groupCount, int householdCount, int kindCount, int builderCount, long offset)
        {
            _offset = offset;
            _groupCount = groupCount;
            _householdCount = householdCount;
            _kindCount = kindCount;
            NodeCount = 2 + groupCount + householdCount + kindCount + builderCount;
        }

        public int NodeCount { get; }

        public long Units { get; private set; }

        public int PairCount => _pairArcs.Count;

        private const int Source = 0;
        private const int Sink = 1;

        private int GroupNode(int j) => 2 + j;

        private int HouseholdNode(int i) => 2 + _groupCount + i;

        private int KindNode(int c) => 2 + _groupCount + _householdCount + c;

        private int BuilderNode(int k) => 2 + _groupCount + _householdCount + _kindCount + k;

        public static Network Build(int groupCount, Builder[] builders, List<(int Group, int Score)>[] inNetwork, int[][] fitBuilders, long offset)
        {
            // The kinds of household in the network: the distinct sets of builders they may have.
            var kindOf = new int[inNetwork.Length];
            var kinds = new Dictionary<int[], int>(BuilderSetComparer.Instance);
            var kindBuilders = new List<int[]>();
            for (var i = 0; i < inNetwork.Length; i++)
            {
                if (inNetwork[i].Count == 0)
                {
                    continue;
                }

                if (!kinds.TryGetValue(fitBuilders[i], out kindOf[i]))
                {
                    kindOf[i] = kinds[fitBuilders[i]] = kindBuilders.Count;
                    kindBuilders.Add(fitBuilders[i]);
                }
            }

            var n = new Network(groupCount, inNetwork.Length, kindBuilders.Count, builders.Length, offset);
            for (var j = 0; j < groupCount; j++)
            {
                n.Add(Source, n.GroupNode(j), 1, 0);
            }

            var households = 0;
            for (var i = 0; i < inNetwork.Length; i++)
            {
                if (inNetwork[i].Count == 0)
                {
                    continue;
                }

                households++;
                foreach (var (j, score) in inNetwork[i])
                {
                    n._pairArcs.Add((n.Add(n.GroupNode(j), n.HouseholdNode(i), 1, offset - score), i, j));
                }

                n._kindArcs.Add((n.Add(n.HouseholdNode(i), n.KindNode(kindOf[i]), 1, 0), i, kindOf[i]));
            }

            for (var c = 0; c < kindBuilders.Count; c++)
            {
                foreach (var k in kindBuilders[c])
                {
                    n._builderArcs.Add((n.Add(n.KindNode(c), n.BuilderNode(k), builders[k].FreeCapacity, 0), c, k));
                }
            }

            for (var k = 0; k < builders.Length; k++)
            {
                n.Add(n.BuilderNode(k), Sink, builders[k].FreeCapacity, 0);
            }

            n.Units = Math.Min(groupCount, Math.Min(households, builders.Sum(b => (long)b.FreeCapacity)));
            return n;
        }

        private int Add(int tail, int head, long capacity, long cost)
        {
            _tail.Add(tail);
            _head.Add(head);
            _capacity.Add(capacity);
            _cost.Add(cost);
            return _tail.Count - 1;
        }

        /// <summary>A maximum flow of least cost; returns the total score (the bound, equal to the optimum).</summary>
        public long Solve()
        {
            using var flow = new MinCostFlow();
            for (var a = 0; a < _tail.Count; a++)
            {
                flow.AddArcWithCapacityAndUnitCost(_tail[a], _head[a], _capacity[a], _cost[a]);
            }

            flow.SetNodeSupply(Source, Units);
            flow.SetNodeSupply(Sink, -Units);
            var status = flow.SolveMaxFlowWithMinCost();
            if (status != MinCostFlowBase.Status.OPTIMAL)
            {
                throw new InvalidOperationException($"The min-cost flow stopped with {status}.");
            }

            _flow = new long[_tail.Count];
            for (var a = 0; a < _tail.Count; a++)
            {
                _flow[a] = flow.Flow(a);
            }

            // The sum of the matched pairs' scores: the offset per unit minus each arc's cost.
            return (flow.MaximumFlow() * _offset) - flow.OptimalCost();
        }

        public void Read(int[] matchedGroupOf, int[] builderOf)
        {
            foreach (var (arc, i, j) in _pairArcs)
            {
                if (_flow[arc] > 0)
                {
                    matchedGroupOf[i] = j;
                }
            }

            // Within a kind every household may have every one of its builders: the matched households,
            // lowest index first, take the builders' places that the flow used, lowest builder first.
            var places = new Queue<int>[_kindCount];
            foreach (var (arc, c, k) in _builderArcs)
            {
                for (var unit = 0L; unit < _flow[arc]; unit++)
                {
                    (places[c] ??= new Queue<int>()).Enqueue(k);
                }
            }

            foreach (var (arc, i, c) in _kindArcs)
            {
                if (_flow[arc] > 0)
                {
                    builderOf[i] = places[c].Dequeue();
                }
            }
        }

        /// <summary>The candidate pairs outside the network that break the certificate (see the class summary).</summary>
        public List<(int Household, int Group, int Score)> Violations(List<(int Group, int Score)>[] candidates, List<(int Group, int Score)>[] inNetwork)
        {
            // The residual graph, as adjacency lists (forward where there is room, backward where there is flow).
            var start = new int[NodeCount + 1];
            for (var a = 0; a < _tail.Count; a++)
            {
                if (_flow[a] < _capacity[a])
                {
                    start[_tail[a] + 1]++;
                }

                if (_flow[a] > 0)
                {
                    start[_head[a] + 1]++;
                }
            }

            for (var v = 0; v < NodeCount; v++)
            {
                start[v + 1] += start[v];
            }

            var to = new int[start[NodeCount]];
            var cost = new long[start[NodeCount]];
            var fill = (int[])start.Clone();
            for (var a = 0; a < _tail.Count; a++)
            {
                if (_flow[a] < _capacity[a])
                {
                    to[fill[_tail[a]]] = _head[a];
                    cost[fill[_tail[a]]++] = _cost[a];
                }

                if (_flow[a] > 0)
                {
                    to[fill[_head[a]]] = _tail[a];
                    cost[fill[_head[a]]++] = -_cost[a];
                }
            }

            var outsideArcs = Array.Empty<(int Household, int Score)>();
            // Candidate arcs outside the network, per group node (households in order), as one array:
            // a first pass counts them, a second fills them in. A group is in a household's network
            // when its mark holds that household.
            var mark = new int[_groupCount];
            Array.Fill(mark, -1);
            var outsideStart = new int[_groupCount + 1];
            for (var pass = 0; pass < 2; pass++)
            {
                var fillAt = pass == 0 ? null : (int[])outsideStart.Clone();
                for (var i = 0; i < candidates.Length; i++)
                {
                    if (candidates[i].Count == inNetwork[i].Count)
                    {
                        continue;
                    }

                    foreach (var (j, _) in inNetwork[i])
                    {
                        mark[j] = (2 * i) + pass;
                    }

                    foreach (var (j, score) in candidates[i])
                    {
                        if (mark[j] == (2 * i) + pass)
                        {
                            continue;
                        }

                        if (fillAt is null)
                        {
                            outsideStart[j + 1]++;
                        }
                        else
                        {
                            outsideArcs[fillAt[j]++] = (i, score);
                        }
                    }
                }

                if (pass == 0)
                {
                    for (var j = 0; j < _groupCount; j++)
                    {
                        outsideStart[j + 1] += outsideStart[j];
                    }

                    outsideArcs = new (int Household, int Score)[outsideStart[_groupCount]];
                }
            }

            ReadOnlySpan<(int Household, int Score)> Outside(int j) => outsideArcs.AsSpan(outsideStart[j], outsideStart[j + 1] - outsideStart[j]);

            // 1. An augmenting path through the residual graph and the outside arcs: add the outside arcs on it.
            var parent = new int[NodeCount];
            var parentOutside = new int[NodeCount];
            Array.Fill(parent, -1);
            Array.Fill(parentOutside, -1);
            parent[Source] = Source;
            var queue = new Queue<int>();
            queue.Enqueue(Source);
            while (queue.Count > 0 && parent[Sink] < 0)
            {
                var v = queue.Dequeue();
                for (var e = start[v]; e < start[v + 1]; e++)
                {
                    if (parent[to[e]] < 0)
                    {
                        parent[to[e]] = v;
                        queue.Enqueue(to[e]);
                    }
                }

                if (v >= 2 && v < 2 + _groupCount)
                {
                    foreach (var (i, _) in Outside(v - 2))
                    {
                        var w = HouseholdNode(i);
                        if (parent[w] < 0)
                        {
                            parent[w] = v;
                            parentOutside[w] = v - 2;
                            queue.Enqueue(w);
                        }
                    }
                }
            }

            var violations = new List<(int Household, int Group, int Score)>();
            if (parent[Sink] >= 0)
            {
                for (var v = Sink; v != Source; v = parent[v])
                {
                    if (parentOutside[v] is var j and >= 0)
                    {
                        var i = v - 2 - _groupCount;
                        foreach (var (household, score) in Outside(j))
                        {
                            if (household == i)
                            {
                                violations.Add((i, j, score));
                                break;
                            }
                        }
                    }
                }

                return violations;
            }

            // 2. Potentials: shortest distances from a virtual root joined to every node at cost 0
            // (Bellman-Ford with a queue; the residual graph has no negative cycle).
            var distance = new long[NodeCount];
            var queued = new bool[NodeCount];
            var work = new Queue<int>(Enumerable.Range(0, NodeCount));
            Array.Fill(queued, true);
            while (work.Count > 0)
            {
                var v = work.Dequeue();
                queued[v] = false;
                for (var e = start[v]; e < start[v + 1]; e++)
                {
                    var w = to[e];
                    if (distance[v] + cost[e] < distance[w])
                    {
                        distance[w] = distance[v] + cost[e];
                        if (!queued[w])
                        {
                            queued[w] = true;
                            work.Enqueue(w);
                        }
                    }
                }
            }

            // An outside arc g → household with negative reduced cost could close a cycle of negative cost.
            for (var j = 0; j < _groupCount; j++)
            {
                foreach (var (i, score) in Outside(j))
                {
                    if (_offset - score + distance[GroupNode(j)] - distance[HouseholdNode(i)] < 0)
                    {
                        violations.Add((i, j, score));
                    }
                }
            }

            return violations;
        }
    }
}

/// <summary>Compares sets of builders (sorted index arrays) by their content.</summary>
internal sealed class BuilderSetComparer : IEqualityComparer<int[]>
{
    public static readonly BuilderSetComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] obj)
    {
        var hash = new HashCode();
        foreach (var k in obj)
        {
            hash.Add(k);
        }

        return hash.ToHashCode();
    }
}
