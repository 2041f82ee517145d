using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Groups;

/// <summary>A group of residents, from sign-up onwards. The back office (issue 3) takes it further.</summary>
public sealed class Group
{
    public Guid Id { get; set; }

    public int CityId { get; set; }

    public City? City { get; set; }

    public GroupType Type { get; set; }

    public string? Name { get; set; }

    public string? Motivation { get; set; }

    public GroupStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a sign-up that is not complete by then expires and its personal data is deleted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Identifies one submission of the sign-up form, so a double click or retry creates one group.</summary>
    public Guid SubmissionKey { get; set; }

    /// <summary>SHA-256 of the secret in the status-page link sent to the person who signed up.</summary>
    public string? StatusTokenHash { get; set; }

    public List<GroupMember> Members { get; set; } = [];

    /// <summary>The date of the intake interview with the coordinator.</summary>
    public DateOnly? IntakeDoneOn { get; set; }

    /// <summary>
    /// The required trainings are done: set and cleared from the group's attendance
    /// (<see cref="Trainings.TrainingRecord"/>); <see cref="GroupReadiness"/> is the one place that reads it.
    /// </summary>
    public DateTimeOffset? TrainingsDoneAt { get; set; }

    /// <summary>Sponsor group: action plan approved; welcome group: the year's goals set. Ticked until the plans issue.</summary>
    public DateTimeOffset? PlanApprovedAt { get; set; }

    public DateTimeOffset? ReadyAt { get; set; }

    /// <summary>What the group can offer, recorded by the coordinator (usually at the intake); the matching's hard rules read it.</summary>
    public int? MaxHouseholdSize { get; set; }

    /// <summary>Accessibility the group can offer, as comma-separated keys of <see cref="GroupOffer.AccessibilityKeys"/>.</summary>
    public string AccessibilityOffered { get; set; } = "";

    /// <summary>Members have experience with children or schools.</summary>
    public bool ChildrenExperience { get; set; }

    /// <summary>What describes the group, as keys of <see cref="GroupOffer.PreferenceKeys"/>.</summary>
    public string Traits { get; set; } = "";

    /// <summary>What the group hopes for in a household, as keys of <see cref="GroupOffer.PreferenceKeys"/>.</summary>
    public string Wishes { get; set; } = "";

    /// <summary>The community builder at the group's side, chosen by the coordinator (or the matching).</summary>
    public Guid? CommunityBuilderId { get; set; }

    /// <summary>The newcomer household the group was matched with (through an accepted proposal).</summary>
    public Guid? NewcomerHouseholdId { get; set; }

    public DateTimeOffset? MatchedAt { get; set; }

    /// <summary>
    /// The planned arrival (sponsor group) or first meeting (welcome group): the plan's due dates are
    /// counted from it, so they move when it moves.
    /// </summary>
    public DateOnly? ArrivalOn { get; set; }

    /// <summary>The group asked the coordinator to approve its plan (or goals).</summary>
    public DateTimeOffset? PlanSubmittedAt { get; set; }

    /// <summary>The day the year together began (the arrival or first meeting happened); check-ins count from it.</summary>
    public DateOnly? YearStartedOn { get; set; }

    /// <summary>The day the year together ended (the group completed).</summary>
    public DateOnly? YearEndedOn { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawnReason { get; set; }

    /// <summary>Why, as one of the programme's categories (counted in the impact figures); null for groups that stopped before it was asked.</summary>
    public WithdrawalReason? WithdrawnFor { get; set; }

    /// <summary>When the group's texts and its members' personal data were erased after the retention period.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>Changes with every save: two people editing the same group cannot overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<GroupEvent> Events { get; set; } = [];
}

public enum GroupStatus
{
    /// <summary>Submitted; waiting for every member to confirm.</summary>
    AwaitingConfirmation = 0,

    /// <summary>All members confirmed; ready for intake.</summary>
    Complete = 1,

    /// <summary>Not complete in time; personal data deleted.</summary>
    Expired = 2,

    /// <summary>Intake, screening, training and plan done: waiting for a newcomer.</summary>
    ReadyToMatch = 7,

    /// <summary>Matched with a newcomer household and a community builder (the matching issue).</summary>
    Matched = 8,

    /// <summary>Arrival or first meeting done; the year together runs.</summary>
    YearTogether = 10,

    /// <summary>The year is over.</summary>
    Completed = 11,

    /// <summary>Stopped at some stage, with a reason.</summary>
    Withdrawn = 12,
}

/// <summary>Why a group stopped, for the figures (the words are in <see cref="Group.WithdrawnReason"/>).</summary>
public enum WithdrawalReason
{
    /// <summary>Members' time, health or personal circumstances.</summary>
    Circumstances,

    /// <summary>Members moved away.</summary>
    MembersMoved,

    /// <summary>The group did not work as a group.</summary>
    GroupDynamics,

    /// <summary>Screening or the trainings were not completed.</summary>
    Preparation,

    /// <summary>Waited too long for a newcomer.</summary>
    NoMatch,

    /// <summary>The newcomer moved away or chose to stop.</summary>
    NewcomerLeft,

    Other,
}

/// <summary>Where a group stands, as staff and the group see it (a finer view than the stored status).</summary>
public enum GroupStage
{
    SignedUp,
    Intake,
    Screening,
    Training,
    Plan,
    ReadyToMatch,
    Matched,
    YearTogether,
    Completed,
    Withdrawn,
    Expired,
}

/// <summary>Something that happened to a group: who, when, what and why. Never changed afterwards.</summary>
public sealed class GroupEvent
{
    public long Id { get; set; }

    public Guid GroupId { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ByUserId { get; set; }

    public required string ByName { get; set; }

    /// <summary>What happened (a resource key suffix, e.g. "IntakeDone").</summary>
    public required string Kind { get; set; }

    /// <summary>Details without restricted data, e.g. a member's name for a VOG check.</summary>
    public string? Detail { get; set; }

    public string? Reason { get; set; }
}

/// <summary>What a group can offer a household: the values the coordinator chooses from.</summary>
public static class GroupOffer
{
    public const int MaxHouseholdSizeLimit = 12;

    public static readonly string[] AccessibilityKeys = ["wheelchair", "ground-floor", "lift", "hearing", "sight"];

    /// <summary>
    /// Stated preferences, the same words on both sides: what describes a group or a household
    /// (traits) and what each hopes for in the other (wishes); the score counts each wish the other
    /// side meets. Nothing that stands in for nationality or religion.
    /// </summary>
    public static readonly string[] PreferenceKeys = ["children", "women", "young", "seniors", "sports", "culture", "nature", "cooking"];
}
