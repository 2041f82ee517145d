using Google.OrTools.Sat;
using SamenHier.Matching.Benchmarks;

namespace SamenHier.Matching.Solvers;

/// <summary>
/// The generalized assignment problem with CP-SAT: every job to exactly one agent, each agent within
/// its capacity, at least total cost. Reports whether the optimum is proven and the bound reached.
/// </summary>
public static class GeneralizedAssignment
{
    public enum Outcome
    {
        Optimal,
        Feasible,
        Infeasible,
        Unknown,
    }

    public sealed record Result(Outcome Status, long Cost, long Bound, int[] AgentOfJob, double Seconds);

    public static Result Solve(GapInstance instance, TimeSpan limit, int workers = 2)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var model = new CpModel();
        var x = new BoolVar[instance.Agents, instance.Jobs];
        for (var a = 0; a < instance.Agents; a++)
        {
            for (var j = 0; j < instance.Jobs; j++)
            {
                x[a, j] = model.NewBoolVar($"x{a}_{j}");
            }
        }

        for (var j = 0; j < instance.Jobs; j++)
        {
            model.AddExactlyOne(Enumerable.Range(0, instance.Agents).Select(a => (ILiteral)x[a, j]));
        }

        for (var a = 0; a < instance.Agents; a++)
        {
            var agent = a;
            model.Add(LinearExpr.WeightedSum(
                Enumerable.Range(0, instance.Jobs).Select(j => x[agent, j]),
                Enumerable.Range(0, instance.Jobs).Select(j => instance.Weight[agent, j])) <= instance.Capacity[a]);
        }

        var all = from a in Enumerable.Range(0, instance.Agents) from j in Enumerable.Range(0, instance.Jobs) select (a, j);
        var pairs = all.ToList();
        model.Minimize(LinearExpr.WeightedSum(pairs.Select(p => x[p.a, p.j]), pairs.Select(p => instance.Cost[p.a, p.j])));

        var solver = new CpSolver
        {
            StringParameters = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{limit.TotalSeconds} num_workers:{workers} random_seed:1"),
        };
        var status = solver.Solve(model);
        var outcome = status switch
        {
            CpSolverStatus.Optimal => Outcome.Optimal,
            CpSolverStatus.Feasible => Outcome.Feasible,
            CpSolverStatus.Infeasible => Outcome.Infeasible,
            _ => Outcome.Unknown,
        };
        var agentOfJob = new int[instance.Jobs];
        if (outcome is Outcome.Optimal or Outcome.Feasible)
        {
            foreach (var (a, j) in pairs.Where(p => solver.BooleanValue(x[p.a, p.j])))
            {
                agentOfJob[j] = a;
            }
        }

        return new Result(outcome, (long)Math.Round(solver.ObjectiveValue), (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6), agentOfJob, solver.WallTime());
    }
}
