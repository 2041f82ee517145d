namespace SamenHier.Matching.Benchmarks;

/// <summary>Readers for the public benchmark formats the solvers are verified against (see data/orlib/README.md).</summary>
public static class OrLibrary
{
    /// <summary>A linear assignment instance: <c>n</c>, then the n×n cost matrix row by row.</summary>
    public static long[,] ReadAssignment(string path)
    {
        var numbers = Numbers(path);
        var n = (int)numbers.Next();
        var cost = new long[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                cost[i, j] = numbers.Next();
            }
        }

        return cost;
    }

    /// <summary>A generalized assignment instance: <c>m n</c>, cost[m][n], resource use[m][n], capacity[m].</summary>
    public static GapInstance ReadGap(string path)
    {
        var numbers = Numbers(path);
        var agents = (int)numbers.Next();
        var jobs = (int)numbers.Next();
        var cost = new long[agents, jobs];
        var weight = new long[agents, jobs];
        var capacity = new long[agents];
        for (var a = 0; a < agents; a++)
        {
            for (var j = 0; j < jobs; j++)
            {
                cost[a, j] = numbers.Next();
            }
        }

        for (var a = 0; a < agents; a++)
        {
            for (var j = 0; j < jobs; j++)
            {
                weight[a, j] = numbers.Next();
            }
        }

        for (var a = 0; a < agents; a++)
        {
            capacity[a] = numbers.Next();
        }

        return new GapInstance(cost, weight, capacity);
    }

    private static IEnumerator<long> Numbers(string path)
    {
        var tokens = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return tokens.Select(t => long.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).GetEnumerator();
    }

    private static long Next(this IEnumerator<long> numbers) =>
        numbers.MoveNext() ? numbers.Current : throw new FormatException("The file ends early.");
}

/// <summary>A generalized assignment problem: every job to one agent, within each agent's capacity, at least cost.</summary>
public sealed record GapInstance(long[,] Cost, long[,] Weight, long[] Capacity)
{
    public int Agents => Capacity.Length;

    public int Jobs => Cost.GetLength(1);
}
