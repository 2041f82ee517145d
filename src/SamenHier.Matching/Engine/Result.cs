namespace SamenHier.Matching.Engine;

/// <summary>Why a household or group is left without a match: a code and its details, which the product puts in words.</summary>
public enum UnmatchedReason
{
    /// <summary>Nothing on the other side in the same municipality.</summary>
    NoneInMunicipality,

    /// <summary>On the other side in the municipality, but none of the fitting type (sponsor / welcome).</summary>
    NoneOfType,

    /// <summary>No group large enough for the household.</summary>
    HouseholdTooLarge,

    /// <summary>No group that meets the household's accessibility needs.</summary>
    AccessibilityNotMet,

    /// <summary>Staff excluded every pair that fitted.</summary>
    AllExcluded,

    /// <summary>No community builder who speaks one of the household's languages has room in the municipality.</summary>
    NoBuilder,

    /// <summary>Pairs fitted, but the optimum gave them to others (who scored higher together, or waited longer).</summary>
    Competition,

    /// <summary>A resettled household whose persons do not fit in the homes left in the municipality (a side constraint).</summary>
    NoHousing,
}

/// <summary>A proposed pair, with its community builder and its score per criterion.</summary>
public sealed record Proposal(string HouseholdId, string GroupId, string BuilderId, ScoreBreakdown Score);

/// <summary>The next best group for a household, and how much lower its score is than the proposal's (or than nothing).</summary>
public sealed record Alternative(string GroupId, int Score, int Difference);

public sealed record Unmatched(string Id, UnmatchedReason Reason, IReadOnlyList<string> Details);

public sealed record MatchingResult(
    IReadOnlyList<Proposal> Proposals,
    IReadOnlyDictionary<string, IReadOnlyList<Alternative>> Alternatives,
    IReadOnlyList<Unmatched> UnmatchedHouseholds,
    IReadOnlyList<Unmatched> UnmatchedGroups,
    IReadOnlyList<PairDecision> Agreed,
    long TotalScore,
    long Bound,
    bool Optimal,
    int FeasiblePairs,
    TimeSpan Elapsed)
{
    /// <summary>How many (household, group) pairs the solved network held (after pruning and pricing).</summary>
    public int PairsInNetwork { get; init; }

    /// <summary>How many times the priced flow was solved before its optimum was proven (0 when CP-SAT solved it).</summary>
    public int PricingRounds { get; init; }

    /// <summary>Where the time went, phase by phase (input, scoring, solving, results), for the benchmarks and the run's record.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases { get; init; } = [];
}
