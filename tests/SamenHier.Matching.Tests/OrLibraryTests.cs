using System.Globalization;
using SamenHier.Matching.Benchmarks;
using SamenHier.Matching.Solvers;

namespace SamenHier.Matching.Tests;

/// <summary>The solvers against public benchmark instances whose optima are known: a solver that disagrees is wrong.</summary>
public sealed class OrLibraryTests
{
    /// <summary>The shared benchmark data, next to the repository (../shared/data/orlib).</summary>
    internal static string DataFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "orlib");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        throw new DirectoryNotFoundException("shared/data/orlib was not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("assign100", 305)]
    [InlineData("assign200", 475)]
    [InlineData("assign300", 626)]
    [InlineData("assign400", 804)]
    [InlineData("assign500", 991)]
    [InlineData("assign600", 1176)]
    [InlineData("assign700", 1362)]
    [InlineData("assign800", 1552)]
    public void LinearAssignment_FindsTheKnownOptimum(string name, long optimum)
    {
        var cost = OrLibrary.ReadAssignment(Path.Combine(DataFolder(), "assign", name + ".txt"));

        var (total, columns) = LinearAssignment.Solve(cost);

        Assert.Equal(optimum, total);
        // The assignment is a permutation and its cost is the reported one.
        Assert.Equal(columns.Length, columns.Distinct().Count());
        Assert.Equal(total, columns.Select((column, row) => cost[row, column]).Sum());
    }

    /// <summary>
    /// The one instance whose proof takes CP-SAT half a minute alone and over a minute beside the
    /// other tests: proven by the benchmark instead (docs/benchmarks.md), to keep the suite short.
    /// </summary>
    private static readonly string[] ProvenInTheBenchmark = ["chu1997/c20200"];

    public static TheoryData<string, long> GapInstances()
    {
        var data = new TheoryData<string, long>();
        foreach (var line in File.ReadLines(Path.Combine(DataFolder(), "gap", "data.csv")).Skip(1))
        {
            var cells = line.Split(',');
            var path = cells[0];
            var jobs = int.Parse(cells[3], CultureInfo.InvariantCulture);
            var isOrLibrary = path.StartsWith("cattrysse1994/", StringComparison.Ordinal);
            var isTypeAbc = path.StartsWith("chu1997/", StringComparison.Ordinal) && path[8] is 'a' or 'b' or 'c' && jobs <= 200;
            if ((isOrLibrary || isTypeAbc) && cells[6].Length > 0 && !ProvenInTheBenchmark.Contains(path))
            {
                data.Add(path, long.Parse(cells[6], CultureInfo.InvariantCulture));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GapInstances))]
    public void GeneralizedAssignment_ProvesTheKnownOptimum(string path, long optimum)
    {
        var instance = OrLibrary.ReadGap(Path.Combine(DataFolder(), "gap", path));

        // A limit well above the time needed (c10200 takes about 25 s alone on 2 cores), for machines busy with the other tests.
        var result = GeneralizedAssignment.Solve(instance, TimeSpan.FromSeconds(600), workers: 2);

        Assert.Equal(GeneralizedAssignment.Outcome.Optimal, result.Status);
        Assert.Equal(optimum, result.Cost);
        // The assignment respects every capacity and costs what is reported.
        for (var a = 0; a < instance.Agents; a++)
        {
            var agent = a;
            var used = Enumerable.Range(0, instance.Jobs).Where(j => result.AgentOfJob[j] == agent).Sum(j => instance.Weight[agent, j]);
            Assert.True(used <= instance.Capacity[a], $"agent {a} uses {used} of {instance.Capacity[a]}");
        }

        Assert.Equal(result.Cost, Enumerable.Range(0, instance.Jobs).Sum(j => instance.Cost[result.AgentOfJob[j], j]));
    }
}
