using Google.OrTools.LinearSolver;

namespace SamenHier.Web.Features.Impact;

/// <summary>How a figure may leave the system.</summary>
public enum Visibility
{
    Shown,

    /// <summary>A count under 5: shown as "&lt;5".</summary>
    Small,

    /// <summary>Hidden so that a count under 5 elsewhere cannot be worked out by subtraction.</summary>
    Complement,
}

/// <summary>
/// A table of counts with its totals, protected before it leaves the system (docs/impact-indicators.md,
/// "Small numbers"). Rows are places, columns are categories; row <c>Rows</c> holds the column
/// totals and column <c>Columns</c> the row totals, so entry (<c>Rows</c>, <c>Columns</c>) is the
/// grand total.
/// <list type="number">
/// <item>Every count under 5, totals included, is <see cref="Visibility.Small"/>.</item>
/// <item>Every hidden entry lies on a cycle of hidden entries (rows and columns as the two sides of a
/// graph, entries as its edges). An entry that lies on no cycle can be solved from the totals of its
/// lines; one on a cycle cannot, because adding and taking away the same amount around the cycle keeps
/// every total. Where an entry lies on no cycle, the smallest shown entry that closes one is hidden
/// too (<see cref="Visibility.Complement"/>).</item>
/// <item>The whole table is then read as a reader could: knowing that a "&lt;5" is 0–4, a complement
/// at least 5, and that every line adds up, the lowest and highest value of each hidden entry is
/// worked out (a linear programme). Where a hidden entry comes out at one value, the smallest shown entry of its
/// line is hidden too, and the cycles are checked again.</item>
/// </list>
/// The choice depends only on the table, so every page, export and report shows the same pattern.
/// </summary>
public sealed class DisclosureTable
{
    public const int Threshold = 5;

    private readonly long[,] _values;
    private readonly Visibility[,] _visibility;

    /// <param name="cells">The counts, places down and categories across.</param>
    /// <param name="everyRowHasSomeone">
    /// Whether a reader knows every row's total is at least 1 (places with no one in them are left
    /// out of the tables, so a listed place has someone): the audit reasons with that too.
    /// </param>
    /// <param name="hiddenTotals">Rows whose total is hidden from the start, because a table that counts the same people hides it (the total row is <c>Rows</c>).</param>
    public DisclosureTable(long[,] cells, bool everyRowHasSomeone = false, IReadOnlySet<int>? hiddenTotals = null)
    {
        EveryRowHasSomeone = everyRowHasSomeone;
        Rows = cells.GetLength(0);
        Columns = cells.GetLength(1);
        _values = new long[Rows + 1, Columns + 1];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                _values[r, c] = cells[r, c];
                _values[r, Columns] += cells[r, c];
                _values[Rows, c] += cells[r, c];
                _values[Rows, Columns] += cells[r, c];
            }
        }

        _visibility = new Visibility[Rows + 1, Columns + 1];
        for (var r = 0; r <= Rows; r++)
        {
            for (var c = 0; c <= Columns; c++)
            {
                _visibility[r, c] = _values[r, c] < Threshold ? Visibility.Small : Visibility.Shown;
            }
        }

        foreach (var r in hiddenTotals ?? new HashSet<int>())
        {
            if (r >= 0 && r <= Rows && _visibility[r, Columns] == Visibility.Shown)
            {
                _visibility[r, Columns] = Visibility.Complement;
            }
        }

        Protect();
    }

    public bool EveryRowHasSomeone { get; }

    /// <summary>The number of places (without the total row).</summary>
    public int Rows { get; }

    /// <summary>The number of categories (without the total column).</summary>
    public int Columns { get; }

    public long Value(int row, int column) => _values[row, column];

    public Visibility VisibilityOf(int row, int column) => _visibility[row, column];

    public bool IsShown(int row, int column) => _visibility[row, column] == Visibility.Shown;

    private bool Hidden(int r, int c) => _visibility[r, c] != Visibility.Shown;

    private void Protect()
    {
        if (Rows == 0 || Columns == 0)
        {
            return; // nothing but zeros: nothing to publish
        }

        // Each pass hides at least one more entry and the table is finite, so this ends.
        while (CloseOneCycle() || AuditLines())
        {
        }
    }

    /// <summary>Finds the first hidden entry on no cycle and hides what closes one; false when there is none.</summary>
    private bool CloseOneCycle()
    {
        for (var r = 0; r <= Rows; r++)
        {
            for (var c = 0; c <= Columns; c++)
            {
                if (!Hidden(r, c))
                {
                    continue;
                }

                var (rowSide, columnSide) = Sides(r, c);
                if (columnSide is null)
                {
                    continue; // on a cycle
                }

                // Any shown entry joining the two sides closes a cycle through (r, c).
                (int R, int C)? best = null;
                for (var r2 = 0; r2 <= Rows; r2++)
                {
                    for (var c2 = 0; c2 <= Columns; c2++)
                    {
                        var joins = (rowSide.Rows[r2] && columnSide.Columns[c2]) || (columnSide.Rows[r2] && rowSide.Columns[c2]);
                        if (joins && !Hidden(r2, c2) && (best is null || Cheaper(r2, c2, best.Value.R, best.Value.C)))
                        {
                            best = (r2, c2);
                        }
                    }
                }

                if (best is { } one)
                {
                    _visibility[one.R, one.C] = Visibility.Complement;
                    return true;
                }

                // Nothing joins them: close a rectangle through another row and column.
                (int R, int C, long Cost)? rectangle = null;
                for (var r2 = 0; r2 <= Rows; r2++)
                {
                    for (var c2 = 0; c2 <= Columns; c2++)
                    {
                        if (r2 == r || c2 == c)
                        {
                            continue;
                        }

                        var cost = Cost(r, c2) + Cost(r2, c2) + Cost(r2, c);
                        if (rectangle is null || cost < rectangle.Value.Cost)
                        {
                            rectangle = (r2, c2, cost);
                        }
                    }
                }

                var (rr, cc, _) = rectangle!.Value;
                HideAsComplement(r, cc);
                HideAsComplement(rr, cc);
                HideAsComplement(rr, c);
                return true;
            }
        }

        return false;
    }

    private long Cost(int r, int c) => Hidden(r, c) ? 0 : _values[r, c];

    private void HideAsComplement(int r, int c)
    {
        if (!Hidden(r, c))
        {
            _visibility[r, c] = Visibility.Complement;
        }
    }

    /// <summary>A cell before a total, a smaller value before a larger one, then the first.</summary>
    private bool Cheaper(int r, int c, int r2, int c2)
    {
        var total = r == Rows || c == Columns;
        var total2 = r2 == Rows || c2 == Columns;
        if (total != total2)
        {
            return !total;
        }

        return _values[r, c] < _values[r2, c2];
    }

    private sealed record Side(bool[] Rows, bool[] Columns);

    /// <summary>
    /// The parts of the graph of hidden entries that row r and column c fall into once entry (r, c)
    /// is taken out: the column's part is null when they are still joined (the entry is on a cycle).
    /// </summary>
    private (Side RowSide, Side? ColumnSide) Sides(int r, int c)
    {
        var rowSide = Reach(r, isRow: true, r, c);
        if (rowSide.Columns[c])
        {
            return (rowSide, null);
        }

        return (rowSide, Reach(c, isRow: false, r, c));
    }

    private Side Reach(int start, bool isRow, int skipR, int skipC)
    {
        var rows = new bool[Rows + 1];
        var columns = new bool[Columns + 1];
        var queue = new Queue<(int Index, bool IsRow)>();
        queue.Enqueue((start, isRow));
        if (isRow)
        {
            rows[start] = true;
        }
        else
        {
            columns[start] = true;
        }

        while (queue.Count > 0)
        {
            var (index, row) = queue.Dequeue();
            if (row)
            {
                for (var c = 0; c <= Columns; c++)
                {
                    if (!columns[c] && Hidden(index, c) && !(index == skipR && c == skipC))
                    {
                        columns[c] = true;
                        queue.Enqueue((c, false));
                    }
                }
            }
            else
            {
                for (var r = 0; r <= Rows; r++)
                {
                    if (!rows[r] && Hidden(r, index) && !(r == skipR && index == skipC))
                    {
                        rows[r] = true;
                        queue.Enqueue((r, true));
                    }
                }
            }
        }

        return new Side(rows, columns);
    }

    /// <summary>
    /// Works out, as a reader could, the lowest and highest value every hidden entry can have: a
    /// "&lt;5" is 0–4 (a listed place's total 1–4), a complement at least 5, and every row and column
    /// adds up (a linear programme, solved for each hidden entry both ways). Where a hidden entry comes out at one value, hides the
    /// smallest shown entry of one of its lines; false when none does.
    /// </summary>
    private bool AuditLines()
    {
        var hidden = new List<(int R, int C)>();
        for (var r = 0; r <= Rows; r++)
        {
            for (var c = 0; c <= Columns; c++)
            {
                if (Hidden(r, c))
                {
                    hidden.Add((r, c));
                }
            }
        }

        if (hidden.Count == 0)
        {
            return false;
        }

        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("The GLOP solver of OR-Tools is not available.");
        var variables = new Dictionary<(int R, int C), Variable>();
        foreach (var (r, c) in hidden)
        {
            // A listed place's total, and so the grand total, is at least 1 when the reader knows that.
            var least = EveryRowHasSomeone && c == Columns ? 1 : 0;
            variables[(r, c)] = _visibility[r, c] == Visibility.Small
                ? solver.MakeNumVar(least, Threshold - 1, $"x{r}_{c}")
                : solver.MakeNumVar(Threshold, double.PositiveInfinity, $"x{r}_{c}");
        }

        var lines = Lines().ToList();
        foreach (var (parts, total) in lines)
        {
            // parts − total = 0, with what is shown moved to the right-hand side.
            var constant = 0.0;
            var constraint = solver.MakeConstraint(0, 0);
            foreach (var (e, sign) in parts.Select(p => (p, 1.0)).Append((total, -1.0)))
            {
                if (variables.TryGetValue(e, out var v))
                {
                    constraint.SetCoefficient(v, sign);
                }
                else
                {
                    constant -= sign * _values[e.R, e.C];
                }
            }

            constraint.SetBounds(constant, constant);
        }

        (int R, int C)? pinned = null;
        foreach (var e in hidden)
        {
            var objective = solver.Objective();
            objective.Clear();
            objective.SetCoefficient(variables[e], 1);
            objective.SetMinimization();
            if (solver.Solve() != Solver.ResultStatus.OPTIMAL)
            {
                continue;
            }

            var min = objective.Value();
            objective.SetMaximization();
            var status = solver.Solve();
            if (status == Solver.ResultStatus.UNBOUNDED)
            {
                continue;
            }

            // Fewer than two whole numbers in the range: the reader knows the entry.
            if (status == Solver.ResultStatus.OPTIMAL && Math.Floor(objective.Value() + 1e-6) <= Math.Ceiling(min - 1e-6))
            {
                pinned = e;
                break;
            }
        }

        if (pinned is not { } found)
        {
            return false;
        }

        // Hide the smallest shown entry of a line through it, a cell before a total; only when those
        // lines have nothing shown, the smallest shown entry anywhere.
        var through = lines.Where(l => l.Parts.Contains(found) || l.Total == found).ToList();
        var candidates = through.SelectMany(l => l.Parts.Append(l.Total))
            .Where(e => !Hidden(e.R, e.C))
            .OrderBy(e => e.R == Rows || e.C == Columns ? 1 : 0)
            .ThenBy(e => _values[e.R, e.C])
            .ThenBy(e => e.R).ThenBy(e => e.C)
            .ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. Enumerable.Range(0, Rows + 1).SelectMany(r => Enumerable.Range(0, Columns + 1).Select(c => (R: r, C: c)))
                .Where(e => !Hidden(e.R, e.C)).OrderBy(e => _values[e.R, e.C])];
        }

        if (candidates.Count == 0)
        {
            return false;
        }

        _visibility[candidates[0].R, candidates[0].C] = Visibility.Complement;
        return true;
    }

    /// <summary>Every row and column: its entries and its total.</summary>
    private IEnumerable<(List<(int R, int C)> Parts, (int R, int C) Total)> Lines()
    {
        for (var r = 0; r <= Rows; r++)
        {
            yield return ([.. Enumerable.Range(0, Columns).Select(c => (r, c))], (r, Columns));
        }

        for (var c = 0; c <= Columns; c++)
        {
            yield return ([.. Enumerable.Range(0, Rows).Select(r => (r, c))], (Rows, c));
        }
    }
}
