using System.Diagnostics;
using System.Globalization;
using SamenHier.Matching.Benchmarks;
using SamenHier.Matching.Engine;
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

    case ["match", .. var options]:
        {
            int Option(string name, int fallback)
            {
                var at = Array.IndexOf(options, "--" + name);
                return at >= 0 && at + 1 < options.Length ? int.Parse(options[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            var input = Synthetic.Programme(Option("households", 2000), Option("groups", 5000), Option("builders", 500), Option("seed", 1));
            // --homes P: each municipality can house P percent of the resettled persons waiting there (a CP-SAT side constraint).
            var homes = Option("homes", 0);
            var side = homes <= 0 ? null : new SideConstraints(input.Households.Where(h => h.Route == Route.Resettlement)
                .GroupBy(h => h.Municipality).ToDictionary(m => m.Key, m => m.Sum(h => h.Size) * homes / 100));
            // A warm-up run (the JIT), then the median of --repeat runs.
            var result = MatchingEngine.Solve(input, side: side);
            var runs = new List<(double Seconds, MatchingResult Result)>();
            for (var run = 0; run < Math.Max(1, Option("repeat", 1)); run++)
            {
                var clock = Stopwatch.StartNew();
                var solved = MatchingEngine.Solve(input, side: side);
                runs.Add((clock.Elapsed.TotalSeconds, solved));
            }

            var seconds = runs.Select(r => r.Seconds).Order().ElementAt(runs.Count / 2);
            result = runs[^1].Result;
            using var process = Process.GetCurrentProcess();
            // The flow minimises cost = minus the total score; the optimum is proven, so the bound equals it.
            Console.WriteLine($"cost={-result.TotalScore} bound={-result.Bound} seconds={seconds:0.000} peak_mb={process.PeakWorkingSet64 / (1024 * 1024)} "
                + $"feasible={result.FeasiblePairs} network={result.PairsInNetwork} matched={result.Proposals.Count} optimal={result.Optimal} rounds={result.PricingRounds}");
            // Each phase's median over the runs.
            Console.WriteLine(string.Join(' ', result.Phases.Select((p, n) =>
                $"{p.Phase}={runs.Select(r => r.Result.Phases[n].Elapsed.TotalSeconds).Order().ElementAt(runs.Count / 2):0.000}")));
            return 0;
        }

    case ["builders", .. var options]:
        {
            int Option(string name, int fallback)
            {
                var at = Array.IndexOf(options, "--" + name);
                return at >= 0 && at + 1 < options.Length ? int.Parse(options[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            // Matched groups (from a synthetic programme's households) that need a community builder.
            var programme = Synthetic.Programme(Option("groups", 10000), 1, Option("builders", 500), Option("seed", 1), municipalities: 40);
            var needs = programme.Households.Select(h => new BuilderAssignment.Need("g" + h.Id, h.Municipality, h.Languages)).ToList();
            // Enough places in all for every group (a builder carries many groups over the years).
            var builders = programme.Builders.Select(b => b with { FreeCapacity = Option("capacity", 22) }).ToList();
            BuilderAssignment.Solve(needs.Take(100).ToList(), builders);
            var times = new List<double>();
            BuilderAssignment.Result result = null!;
            for (var run = 0; run < Option("repeat", 3); run++)
            {
                var clock = Stopwatch.StartNew();
                result = BuilderAssignment.Solve(needs, builders);
                times.Add(clock.Elapsed.TotalSeconds);
            }

            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"assigned={result.BuilderOfGroup.Count} unassigned={result.Unassigned.Count} seconds={times.Order().ElementAt(times.Count / 2):0.000} peak_mb={process.PeakWorkingSet64 / (1024 * 1024)}");
            return 0;
        }

    case ["impact", .. var options]:
        {
            int Option(string name, int fallback)
            {
                var at = Array.IndexOf(options, "--" + name);
                return at >= 0 && at + 1 < options.Length ? int.Parse(options[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            return SamenHier.Bench.ImpactBench.Run(Option("groups", 10000), Option("years", 5), Option("cities", 40), Option("seed", 1), Option("repeat", 3), "/usr/share/fonts/truetype/dejavu");
        }

    case ["impact-db", .. var options]:
        {
            int Option(string name, int fallback)
            {
                var at = Array.IndexOf(options, "--" + name);
                return at >= 0 && at + 1 < options.Length ? int.Parse(options[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            return await SamenHier.Bench.ImpactBench.RunDatabaseAsync(Option("groups", 10000), Option("years", 5), Option("seed", 1), Option("repeat", 3), "/usr/share/fonts/truetype/dejavu");
        }

    case ["signup", .. var options]:
        return await SamenHier.Bench.SignUpLoad.RunAsync(options);

    case ["backoffice", .. var options]:
        return await SamenHier.Bench.BackOfficeLoad.RunAsync(options);

    case ["ceiling", .. var options]:
        return await SamenHier.Bench.SignUpLoad.CeilingAsync(options);

    case ["crash-check", .. var options]:
        return await SamenHier.Bench.CrashCheck.RunAsync(options);

    default:
        Console.Error.WriteLine("""
            usage:
              lap <file>    solve an OR-Library linear assignment instance
              gap <file> [seconds]    solve a generalized assignment instance (minimising)
              match --households N --groups M --builders B --seed S [--repeat R]    match a synthetic programme (median of R runs after a warm-up)
              builders --groups N --builders B --seed S [--capacity C] [--repeat R]    community builders for N matched groups
              impact --groups N --years Y --cities C --seed S [--repeat R]    the impact report (PDF, CSV, Excel) for a synthetic programme
              impact-db --groups N --years Y --seed S [--repeat R]    the same, read from a SQLite database made with the app's migrations
              signup --url U --seconds S --concurrency C [--pid P] [--ack FILE] [--prefix X]    a sign-up rush against a running site
              ceiling --url U --seconds S --concurrency C [--pid P]    the same load on a trivial endpoint (/health/live)
              backoffice --url U --seconds S --concurrency C [--think-ms T] [--pid P] [--pages N] [--only dashboard,groups,…]    staff on the back office's dashboard, lists and searches
              crash-check --provider Sqlite|Postgres --connection CS --ack FILE [--prefix X]    after a crash: acknowledged sign-ups lost or half-written
            """);
        return 2;
}
