namespace SamenHier.Matching.Engine;

/// <summary>The criteria of the soft score. Nationality is not one of them.</summary>
public enum Criterion
{
    Match,
    SharedLanguages,
    GoalSectors,
    SharedInterests,
    Children,
    HouseholdWait,
    GroupWait,
    Wishes,
}

/// <summary>A pair's score, criterion by criterion, so staff see why it was proposed.</summary>
public sealed record ScoreBreakdown(IReadOnlyDictionary<Criterion, int> Points)
{
    public int Total => Points.Values.Sum();

    /// <summary>The score of a pair that breaks no hard rule (the formulas are in <see cref="FastScore"/>).</summary>
    public static ScoreBreakdown For(Household household, Group group, Weights weights)
    {
        var vocabulary = MatchingEngine.VocabularyOf([household], [group], []);
        Span<int> points = stackalloc int[FastScore.CriterionCount];
        FastScore.Fill(new CompiledHousehold(household, vocabulary), new CompiledGroup(group, vocabulary), weights, points);
        return FromPoints(points);
    }

    internal static ScoreBreakdown FromPoints(ReadOnlySpan<int> points)
    {
        var byCriterion = new Dictionary<Criterion, int>();
        foreach (var criterion in Enum.GetValues<Criterion>())
        {
            byCriterion[criterion] = points[(int)criterion];
        }

        return new ScoreBreakdown(byCriterion);
    }
}
