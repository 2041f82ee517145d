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
