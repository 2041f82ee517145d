using System.Numerics;

namespace SamenHier.Matching.Engine;

/// <summary>A household with its sets as bits.</summary>
internal sealed class CompiledHousehold(Household source, Vocabulary vocabulary)
{
    public Household Source { get; } = source;

    public Bits Languages { get; } = Bits.Of(source.Languages, vocabulary);

    public Bits Needs { get; } = Bits.Of(source.AccessibilityNeeds, vocabulary);

    public Bits Interests { get; } = Bits.Of(source.Interests, vocabulary);

    public Bits Wishes { get; } = Bits.Of(source.Wishes, vocabulary);

    public Bits Traits { get; } = Bits.Of(source.Traits, vocabulary);

    public Bits[] Goals { get; } = [.. source.People.Select(p => Bits.Of(p.GoalSectors, vocabulary))];

    public int Children { get; } = source.Children;
}

/// <summary>A group with its sets as bits.</summary>
internal sealed class CompiledGroup(Group source, Vocabulary vocabulary)
{
    public Group Source { get; } = source;

    public Bits Offered { get; } = Bits.Of(source.AccessibilityOffered, vocabulary);

    public Bits Languages { get; } = Bits.Of(source.Languages, vocabulary);

    public Bits Sectors { get; } = Bits.Of(source.Sectors, vocabulary);

    public Bits Interests { get; } = Bits.Of(source.Interests, vocabulary);

    public Bits Wishes { get; } = Bits.Of(source.Wishes, vocabulary);

    public Bits Traits { get; } = Bits.Of(source.Traits, vocabulary);
}

/// <summary>The soft score, fast: the same formulas as <see cref="ScoreBreakdown"/>, which tests hold equal.</summary>
internal static class FastScore
{
    public static void Fill(CompiledHousehold h, CompiledGroup g, Weights w, Span<int> points)
    {
        points[(int)Criterion.Match] = w.Match;
        points[(int)Criterion.SharedLanguages] = w.SharedLanguage * Math.Min(3, h.Languages.CountShared(g.Languages));
        var goals = 0;
        foreach (var person in h.Goals)
        {
            if (person.Overlaps(g.Sectors))
            {
                goals++;
            }
        }

        points[(int)Criterion.GoalSectors] = w.GoalSector * goals;
        points[(int)Criterion.SharedInterests] = w.SharedInterest * Math.Min(5, h.Interests.CountShared(g.Interests));
        points[(int)Criterion.Children] = h.Children > 0 && g.Source.ChildrenExperience ? w.Children : 0;
        points[(int)Criterion.HouseholdWait] = w.HouseholdWaitPerMonth * (Math.Max(0, h.Source.DaysWaiting) / 30);
        points[(int)Criterion.GroupWait] = w.GroupWaitPerMonth * (Math.Max(0, g.Source.DaysWaiting) / 30);
        points[(int)Criterion.Wishes] = w.Wish * (h.Wishes.CountShared(g.Traits) + g.Wishes.CountShared(h.Traits));
    }

    public static int Total(CompiledHousehold h, CompiledGroup g, Weights w)
    {
        Span<int> points = stackalloc int[CriterionCount];
        Fill(h, g, w, points);
        var total = 0;
        foreach (var p in points)
        {
            total += p;
        }

        return total;
    }

    public static readonly int CriterionCount = Enum.GetValues<Criterion>().Length;
}

/// <summary>
/// A group's sets as single words and its own part of the score, for <see cref="PackedScore"/>: used
/// when the run's vocabulary fits one 64-bit word (almost always), so scoring a pair is a few
/// instructions on values side by side in memory.
/// </summary>
internal readonly struct PackedGroup(CompiledGroup g, Weights w)
{
    public readonly ulong Offered = g.Offered.First;
    public readonly ulong Languages = g.Languages.First;
    public readonly ulong Sectors = g.Sectors.First;
    public readonly ulong Interests = g.Interests.First;
    public readonly ulong Wishes = g.Wishes.First;
    public readonly ulong Traits = g.Traits.First;
    public readonly int MaxHouseholdSize = g.Source.MaxHouseholdSize;
    public readonly bool ChildrenExperience = g.Source.ChildrenExperience;

    /// <summary>The group's wait, which does not depend on the household.</summary>
    public readonly int Own = w.GroupWaitPerMonth * (Math.Max(0, g.Source.DaysWaiting) / 30);
}

/// <summary>A household's sets as single words and its own part of the score (see <see cref="PackedGroup"/>).</summary>
internal sealed class PackedHousehold(CompiledHousehold h, Weights w)
{
    public readonly ulong Needs = h.Needs.First;
    public readonly ulong Languages = h.Languages.First;
    public readonly ulong Interests = h.Interests.First;
    public readonly ulong Wishes = h.Wishes.First;
    public readonly ulong Traits = h.Traits.First;
    public readonly ulong[] Goals = [.. h.Goals.Select(b => b.First)];
    public readonly int Size = h.Source.Size;

    /// <summary>Points for a group with experience with children (0 without children).</summary>
    public readonly int ChildrenPoints = h.Children > 0 ? w.Children : 0;

    /// <summary>The match itself and the household's wait, which do not depend on the group.</summary>
    public readonly int Own = w.Match + (w.HouseholdWaitPerMonth * (Math.Max(0, h.Source.DaysWaiting) / 30));
}

/// <summary>The soft score over packed sides: the same formulas as <see cref="FastScore"/>, which tests hold equal.</summary>
internal static class PackedScore
{
    /// <summary>Whether every set of the run fits the packed form.</summary>
    public static bool Fits(Vocabulary vocabulary) => vocabulary.Words == 1;

    /// <summary>Whether the pair meets the hard rules the sides decide alone (size and accessibility).</summary>
    public static bool Fits(PackedHousehold h, in PackedGroup g) => h.Size <= g.MaxHouseholdSize && (h.Needs & ~g.Offered) == 0;

    public static int Total(PackedHousehold h, in PackedGroup g, Weights w)
    {
        var goals = 0;
        foreach (var person in h.Goals)
        {
            if ((person & g.Sectors) != 0)
            {
                goals++;
            }
        }

        return h.Own + g.Own
            + (w.SharedLanguage * Math.Min(3, BitOperations.PopCount(h.Languages & g.Languages)))
            + (w.GoalSector * goals)
            + (w.SharedInterest * Math.Min(5, BitOperations.PopCount(h.Interests & g.Interests)))
            + (g.ChildrenExperience ? h.ChildrenPoints : 0)
            + (w.Wish * (BitOperations.PopCount(h.Wishes & g.Traits) + BitOperations.PopCount(g.Wishes & h.Traits)));
    }
}
