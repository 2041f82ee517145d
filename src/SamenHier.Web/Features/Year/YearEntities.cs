using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Year;

/// <summary>
/// Where a task belongs. Sponsor groups plan the arrival and the first weeks in the first fifteen;
/// welcome groups set goals for the year in the four goal areas; both plan what continues after the
/// year (the exit plan) in the last.
/// </summary>
public enum PlanSection
{
    Housing,
    Reception,
    Registration,
    Bank,
    Insurance,
    Healthcare,
    School,
    Benefits,
    Integration,
    Orientation,
    Interpreters,
    WorkStudy,
    Social,
    Emotional,
    Family,
    GoalLanguage = 20,
    GoalWork,
    GoalNetwork,
    GoalLeisure,
    AfterYear = 30,
}

public enum PlanTaskStatus
{
    Open,
    Doing,
    Done,

    /// <summary>Not needed for this household (kept, so the plan shows it was considered).</summary>
    NotNeeded,
}

/// <summary>One task of a group's plan (or one activity towards a goal of a welcome group).</summary>
public sealed class PlanTask
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public PlanSection Section { get; set; }

    public required string Title { get; set; }

    public string? Notes { get; set; }

    /// <summary>
    /// Days from the arrival (sponsor group) or the first meeting (welcome group): -14 is two weeks
    /// before. The due date is worked out from the group's date each time, so it moves with it.
    /// </summary>
    public int? OffsetDays { get; set; }

    public PlanTaskStatus Status { get; set; }

    /// <summary>The task involves the newcomer: it shows in their portal.</summary>
    public bool InvolvesNewcomer { get; set; }

    /// <summary>A page of the city's knowledge base that helps with this task.</summary>
    public Guid? ArticleId { get; set; }

    public int Position { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public List<PlanTaskOwner> Owners { get; set; } = [];

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>A member who owns a task (a task can have several).</summary>
public sealed class PlanTaskOwner
{
    public Guid TaskId { get; set; }

    public Guid MemberId { get; set; }
}

/// <summary>A welcome group's goal in one area (language, work or study, network, leisure).</summary>
public sealed class PlanGoal
{
    public Guid GroupId { get; set; }

    public PlanSection Section { get; set; }

    public required string Text { get; set; }
}

/// <summary>A task of a city's plan template, which coordinators keep and every new plan starts from.</summary>
public sealed class TemplateTask
{
    public Guid Id { get; set; }

    public int CityId { get; set; }

    public GroupType GroupType { get; set; }

    public PlanSection Section { get; set; }

    public required string Title { get; set; }

    public int? OffsetDays { get; set; }

    public bool InvolvesNewcomer { get; set; }

    public Guid? ArticleId { get; set; }

    public int Position { get; set; }
}

/// <summary>A page of a city's local knowledge base: the municipality desk, language schools, how to register with a GP.</summary>
public sealed class KnowledgeArticle
{
    public Guid Id { get; set; }

    public int CityId { get; set; }

    public PlanSection Section { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>A web address with more (the organisation's own page).</summary>
    public string? Link { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public enum DiaryKind
{
    LanguagePractice,
    Outing,
    PracticalHelp,
    WorkOrStudy,
    Social,
}

/// <summary>An activity of the year, recorded by a member or by the newcomer.</summary>
public sealed class DiaryEntry
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public DateOnly On { get; set; }

    public DiaryKind Kind { get; set; }

    /// <summary>Time given, in minutes (per person who took part).</summary>
    public int Minutes { get; set; }

    public string? Note { get; set; }

    public bool NewcomerTookPart { get; set; }

    /// <summary>Written by the newcomer (not by a member).</summary>
    public bool ByNewcomer { get; set; }

    public Guid? ByUserId { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<DiaryParticipant> Participants { get; set; } = [];
}

public sealed class DiaryParticipant
{
    public Guid EntryId { get; set; }

    public Guid MemberId { get; set; }
}

public enum CheckInWith
{
    Group,
    Newcomer,
}

/// <summary>When the community builder checks in, counted from the start of the year.</summary>
public enum Milestone
{
    Week2,
    Week6,
    Month3,
    Month6,
    Month9,
    Month12,
}

/// <summary>A check-in held by the community builder with the group or with the newcomer.</summary>
public sealed class CheckIn
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public CheckInWith With { get; set; }

    public Milestone Milestone { get; set; }

    public DateOnly HeldOn { get; set; }

    /// <summary>How it is going, 1 (badly) to 5 (very well).</summary>
    public int Rating { get; set; }

    public string? Needs { get; set; }

    /// <summary>A concern raises a signal for the coordinator.</summary>
    public string? Concerns { get; set; }

    public string? Notes { get; set; }

    public Guid? ByUserId { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum SignalKind
{
    /// <summary>A concern written at a check-in.</summary>
    CheckInConcern,

    /// <summary>Raised by the newcomer through the confidential channel: never shown to the group.</summary>
    NewcomerConcern,
}

/// <summary>Something the coordinator must follow up, by a date. Only staff see signals.</summary>
public sealed class Signal
{
    public Guid Id { get; set; }

    public int CityId { get; set; }

    public Guid? GroupId { get; set; }

    public Guid? HouseholdId { get; set; }

    public SignalKind Kind { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateOnly FollowUpBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? Resolution { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public enum ReviewKind
{
    /// <summary>From month 6: how it goes, and what continues after the year.</summary>
    Midpoint,

    /// <summary>At the end of the year.</summary>
    Final,
}

/// <summary>The mid-point review or the closing review of the year, written with the community builder.</summary>
public sealed class YearReview
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public ReviewKind Kind { get; set; }

    public DateOnly HeldOn { get; set; }

    public required string Going { get; set; }

    /// <summary>What continues after the year, and who takes it over (regular services, the group's network).</summary>
    public required string Continues { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A reminder that was sent, so none goes twice, also from several app instances (the key is unique).</summary>
public sealed class SentReminder
{
    public required string Key { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
