using System.Diagnostics;
using System.Globalization;
using SamenHier.Matching.Benchmarks;
using SamenHier.Matching.Solvers;

// The matching engine's benchmarks: `dotnet run -c Release --project bench/SamenHier.Bench -- <command>`.
// Figures and how to reproduce them are in docs/benchmarks.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

switch (args)
{
    case ["lap", var file]:
        {
            var cost = OrLibrary.ReadAssignment(file);
            var clock = Stopwatch.StartNew();
            var (total, _) = LinearAssignment.Solve(cost);
            Console.WriteLine($"cost={total} seconds={clock.Elapsed.TotalSeconds:0.000}");
            return 0;
        }

    case ["gap", var file, ..]:
        {
            var instance = OrLibrary.ReadGap(file);
            var limit = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 60;
            var clock = Stopwatch.StartNew();
            var result = GeneralizedAssignment.Solve(instance, TimeSpan.FromSeconds(limit));
            var status = result.Status == GeneralizedAssignment.Outcome.Optimal ? "optimal" : "feasible";
            Console.WriteLine($"cost={result.Cost} seconds={clock.Elapsed.TotalSeconds:0.000} status={status}");
            return 0;
        }

    default:
        Console.Error.WriteLine("""
            usage:
              lap <file>    solve an OR-Library linear assignment instance
              gap <file> [seconds]    solve a generalized assignment instance (minimising)
            """);
        return 2;
}
