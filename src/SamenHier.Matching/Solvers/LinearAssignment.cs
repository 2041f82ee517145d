using Google.OrTools.Graph;

namespace SamenHier.Matching.Solvers;

/// <summary>The linear assignment problem, solved to optimality with OR-Tools' <see cref="LinearSumAssignment"/>.</summary>
public static class LinearAssignment
{
    /// <summary>Minimises the total cost of assigning every row to a different column of a square matrix; returns the cost and each row's column.</summary>
    public static (long Cost, int[] ColumnOfRow) Solve(long[,] cost)
    {
        var n = cost.GetLength(0);
        if (cost.GetLength(1) != n)
        {
            throw new ArgumentException("The cost matrix must be square.", nameof(cost));
        }

        using var assignment = new LinearSumAssignment();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                assignment.AddArcWithCost(i, j, cost[i, j]);
            }
        }

        var status = assignment.Solve();
        if (status != LinearSumAssignment.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"The assignment solver stopped with {status}.");
        }

        var columns = new int[n];
        for (var i = 0; i < n; i++)
        {
            columns[i] = assignment.RightMate(i);
        }

        return (assignment.OptimalCost(), columns);
    }
}
