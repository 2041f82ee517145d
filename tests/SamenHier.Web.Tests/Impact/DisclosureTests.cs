using SamenHier.Web.Features.Impact;

namespace SamenHier.Web.Tests.Impact;

/// <summary>
/// Small numbers never leave the system: every count under 5 is "&lt;5", and no hidden count can be
/// worked out from the totals. Checked by a reader who tries every value a hidden entry could have:
/// a "&lt;5" is 0–4, any other hidden entry at least 5, and every row and column must add up.
/// </summary>
public sealed class DisclosureTests
{
    [Fact]
    public void ATableOfLargeCounts_IsShownWhole()
    {
        var table = new DisclosureTable(new long[,] { { 12, 7 }, { 9, 30 } });
        for (var r = 0; r <= table.Rows; r++)
        {
            for (var c = 0; c <= table.Columns; c++)
            {
                Assert.True(table.IsShown(r, c), $"({r},{c})");
            }
        }

        Assert.Equal(58, table.Value(2, 2));
        Assert.Equal(21, table.Value(2, 0));
        Assert.Equal(39, table.Value(1, 2));
    }

    [Fact]
    public void ASmallCityBesideTheNationalTotal_TakesAnotherCityWithIt()
    {
        // Almere 12, Haarlem 3, Zwolle 9: with the national 24 shown, Haarlem would be 24 − 12 − 9.
        var table = new DisclosureTable(new long[,] { { 12 }, { 3 }, { 9 } });
        Assert.Equal(Visibility.Small, table.VisibilityOf(1, 0));
        Assert.Equal(Visibility.Complement, table.VisibilityOf(2, 0));
        Assert.True(table.IsShown(0, 0));
        Assert.True(table.IsShown(3, 0));
        Assert.Equal(24, table.Value(3, 0));
        Reader.AssertNothingWorkedOut(table);
    }

    [Fact]
    public void ASmallCountInACategory_CannotBeWorkedOutFromItsCitysTotal_NorFromTheCountrysColumn()
    {
        // Cohort outcomes per city: completed, withdrawn, still running; one withdrawal in Almere.
        var table = new DisclosureTable(new long[,] { { 5, 1, 0 }, { 0, 0, 5 }, { 8, 6, 0 } });
        Assert.Equal(Visibility.Small, table.VisibilityOf(0, 1));
        Reader.AssertNothingWorkedOut(table);
    }

    [Fact]
    public void WhenEverythingHiddenInALineAddsUpToNothing_MoreIsHidden()
    {
        // Shown: a city's total of 7 and 7 completed; the hidden 0 and 0 would have to be 0.
        var table = new DisclosureTable(new long[,] { { 7, 0, 0 }, { 9, 6, 6 } });
        Assert.False(table.IsShown(0, 0) && table.IsShown(0, 3));
        Reader.AssertNothingWorkedOut(table);
    }

    [Fact]
    public void TwoSmallPlacesWhoseSumIsTwo_AreNotLeftAtOneEach()
    {
        // Sign-ups 1, 1, 10, 20: a reader who knows every listed place has someone would read 1 and 1.
        var table = new DisclosureTable(new long[,] { { 1 }, { 1 }, { 10 }, { 20 } }, everyRowHasSomeone: true);
        Assert.False(table.IsShown(2, 0) && table.IsShown(3, 0) && table.IsShown(4, 0));
        Reader.AssertNothingWorkedOut(table);
    }

    [Fact]
    public void ACountryWithOneCity_HidesTheCountryWhereTheCityIsHidden()
    {
        var table = new DisclosureTable(new long[,] { { 9, 2 } });
        Assert.Equal(Visibility.Small, table.VisibilityOf(0, 1));
        Assert.Equal(Visibility.Small, table.VisibilityOf(1, 1));
        Reader.AssertNothingWorkedOut(table);
    }

    [Fact]
    public void ManyRandomTables_NoHiddenEntryCanBeWorkedOut_AndEveryCountUnderFiveIsHidden()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 300; i++)
        {
            var rows = random.Next(1, 6);
            var columns = random.Next(1, 4);
            var cells = new long[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    cells[r, c] = random.Next(3) == 0 ? random.Next(0, 5) : random.Next(0, 14);
                }
            }

            // Half the tables as the figures make them: every place listed has someone in it.
            var listed = i % 2 == 0;
            for (var r = 0; listed && r < rows; r++)
            {
                if (Enumerable.Range(0, columns).All(c => cells[r, c] == 0))
                {
                    cells[r, random.Next(columns)] = random.Next(1, 4);
                }
            }

            var table = new DisclosureTable(cells, listed);
            for (var r = 0; r <= rows; r++)
            {
                for (var c = 0; c <= columns; c++)
                {
                    if (table.Value(r, c) < DisclosureTable.Threshold)
                    {
                        Assert.Equal(Visibility.Small, table.VisibilityOf(r, c));
                    }
                }
            }

            Reader.AssertNothingWorkedOut(table);
        }
    }

    /// <summary>
    /// Someone who sees the published table and looks, for each hidden entry, for a way to fill in
    /// every hidden entry that adds up everywhere but gives that entry another value than its own.
    /// </summary>
    private static class Reader
    {
        public static void AssertNothingWorkedOut(DisclosureTable table)
        {
            var rows = table.Rows;
            var columns = table.Columns;
            for (var r = 0; r <= rows; r++)
            {
                for (var c = 0; c <= columns; c++)
                {
                    if (table.IsShown(r, c))
                    {
                        continue;
                    }

                    var truth = table.Value(r, c);
                    var (low, high) = Bounds(table, r, c);
                    var found = false;
                    for (var v = low; v <= high && !found; v++)
                    {
                        if (v == truth)
                        {
                            continue;
                        }

                        var values = Published(table);
                        values[r, c] = v;
                        var budget = 100_000;
                        found = Solve(table, values, ref budget);
                    }

                    Assert.True(found, $"entry ({r},{c}) of {rows}x{columns}, true value {truth}, can be worked out\n{Show(table)}");
                }
            }
        }

        private static string Show(DisclosureTable table) =>
            string.Join("\n", Enumerable.Range(0, table.Rows + 1).Select(r => string.Join(" ", Enumerable.Range(0, table.Columns + 1)
                .Select(c => $"{table.Value(r, c),3}{(table.VisibilityOf(r, c) switch { Visibility.Small => "s", Visibility.Complement => "x", _ => " " })}"))));

        private static (long Low, long High) Bounds(DisclosureTable table, int r, int c) =>
            table.VisibilityOf(r, c) == Visibility.Small
                ? (table.EveryRowHasSomeone && c == table.Columns ? 1 : 0, DisclosureTable.Threshold - 1)
                : (DisclosureTable.Threshold, table.Value(table.Rows, table.Columns) + DisclosureTable.Threshold);

        private static long?[,] Published(DisclosureTable table)
        {
            var values = new long?[table.Rows + 1, table.Columns + 1];
            for (var r = 0; r <= table.Rows; r++)
            {
                for (var c = 0; c <= table.Columns; c++)
                {
                    values[r, c] = table.IsShown(r, c) ? table.Value(r, c) : null;
                }
            }

            return values;
        }

        private static IEnumerable<(List<(int R, int C)> Parts, (int R, int C) Total)> Lines(DisclosureTable table)
        {
            for (var r = 0; r <= table.Rows; r++)
            {
                yield return ([.. Enumerable.Range(0, table.Columns).Select(c => (r, c))], (r, table.Columns));
            }

            for (var c = 0; c <= table.Columns; c++)
            {
                yield return ([.. Enumerable.Range(0, table.Rows).Select(r => (r, c))], (table.Rows, c));
            }
        }

        /// <summary>Fills in what the lines force, then tries each value of the first open entry; true when all add up.</summary>
        private static bool Solve(DisclosureTable table, long?[,] values, ref int budget)
        {
            if (--budget < 0)
            {
                return false;
            }

            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var (parts, total) in Lines(table))
                {
                    var open = parts.Where(p => values[p.R, p.C] is null).ToList();
                    var known = parts.Where(p => values[p.R, p.C] is not null).Sum(p => values[p.R, p.C]!.Value);
                    var totalValue = values[total.R, total.C];
                    (int R, int C)? forced = null;
                    long forcedValue = 0;
                    if (open.Count == 0 && totalValue is null)
                    {
                        (forced, forcedValue) = (total, known);
                    }
                    else if (open.Count == 1 && totalValue is { } t)
                    {
                        (forced, forcedValue) = (open[0], t - known);
                    }
                    else if (open.Count == 0 && totalValue != known)
                    {
                        return false;
                    }
                    else if (totalValue is { } t2 && known > t2)
                    {
                        return false;
                    }

                    if (forced is { } f)
                    {
                        var (low, high) = Bounds(table, f.R, f.C);
                        if (forcedValue < low || forcedValue > high)
                        {
                            return false;
                        }

                        values[f.R, f.C] = forcedValue;
                        changed = true;
                    }
                }
            }

            for (var r = 0; r <= table.Rows; r++)
            {
                for (var c = 0; c <= table.Columns; c++)
                {
                    if (values[r, c] is not null)
                    {
                        continue;
                    }

                    // Values near the truth first: a second solution, when there is one, is usually close.
                    var truth = table.Value(r, c);
                    var (low, high) = Bounds(table, r, c);
                    for (var step = 0L; step <= high - low; step++)
                    {
                        foreach (var v in step == 0 ? new[] { truth } : new[] { truth - step, truth + step })
                        {
                            if (v < low || v > high)
                            {
                                continue;
                            }

                            var copy = (long?[,])values.Clone();
                            copy[r, c] = v;
                            if (Solve(table, copy, ref budget))
                            {
                                return true;
                            }
                        }
                    }

                    return false;
                }
            }

            return true;
        }
    }
}
