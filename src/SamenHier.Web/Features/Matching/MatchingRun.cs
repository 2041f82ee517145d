namespace SamenHier.Web.Features.Matching;

/// <summary>
/// One run of the matching engine, kept for good: who ran it, for which cities, with which weights,
/// what it looked at (the engine's input, as ids and the values the rules and score read) and what it
/// proposed. Restricted (the snapshot holds accessibility needs): coordinators and national staff.
/// </summary>
public sealed class MatchingRun
{
    public Guid Id { get; set; }

    /// <summary>The cities the run covered, as comma-separated ids.</summary>
    public required string CityIds { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ByUserId { get; set; }

    public required string ByName { get; set; }

    /// <summary>The weights of the score, as JSON.</summary>
    public required string Settings { get; set; }

    /// <summary>The engine's input, as JSON.</summary>
    public required string Input { get; set; }

    /// <summary>Households and groups left without a proposal, with the reason, as JSON.</summary>
    public required string Unmatched { get; set; }

    public long TotalScore { get; set; }

    public long Bound { get; set; }

    public bool Optimal { get; set; }

    /// <summary>Pairs that passed every hard rule.</summary>
    public int FeasiblePairs { get; set; }

    public int ElapsedMilliseconds { get; set; }

    public List<MatchProposal> Proposals { get; set; } = [];
}

/// <summary>A proposed pair of a run, and what staff decided about it.</summary>
public sealed class MatchProposal
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public Guid GroupId { get; set; }

    public Guid HouseholdId { get; set; }

    /// <summary>The community builder the run chose (null when a pinned pair found none with room).</summary>
    public Guid? BuilderId { get; set; }

    public int Score { get; set; }

    /// <summary>Points per criterion, as JSON.</summary>
    public required string Breakdown { get; set; }

    /// <summary>The household's next best groups with their scores, as JSON.</summary>
    public required string Alternatives { get; set; }

    /// <summary>Staff pinned this pair before the run: kept as it was, outside the optimisation.</summary>
    public bool Pinned { get; set; }

    public ProposalStatus Status { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedByUserId { get; set; }

    public string? DecidedBy { get; set; }

    public string? Reason { get; set; }
}

public enum ProposalStatus
{
    Proposed = 0,
    Accepted = 1,
    Rejected = 2,

    /// <summary>The group or household was matched otherwise (another proposal accepted).</summary>
    Superseded = 3,
}

/// <summary>
/// A pair staff decided on, binding every later run until lifted: pinned (kept together) or excluded
/// (never proposed). A rejected proposal becomes an exclusion with the rejection's reason.
/// </summary>
public sealed class PairRule
{
    public long Id { get; set; }

    public Guid GroupId { get; set; }

    public Guid HouseholdId { get; set; }

    public PairRuleKind Kind { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ByUserId { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }
}

public enum PairRuleKind
{
    Pinned = 1,
    Excluded = 2,
}
