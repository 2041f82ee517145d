namespace SamenHier.Matching.Engine;

/// <summary>How a household came: resettled from abroad (sponsor group) or already in the Netherlands (welcome group).</summary>
public enum Route
{
    Resettlement,
    Welcome,
}

/// <summary>The kind of group: a sponsor group receives a resettled household, a welcome group a newcomer already here.</summary>
public enum GroupKind
{
    Sponsor,
    Welcome,
}

/// <summary>One person of a household, as the engine sees them: age and the sectors of their work or study goals. No nationality.</summary>
public sealed record Person(int Age, IReadOnlySet<string> GoalSectors);

/// <summary>
/// A household waiting for a group. <see cref="Municipality"/> is where it will be housed
/// (resettlement) or where it lives (welcome). <see cref="Wishes"/> and <see cref="Traits"/> carry
/// stated preferences: what the household hopes for in a group, and what a group may look for.
/// </summary>
public sealed record Household(
    string Id,
    string Municipality,
    Route Route,
    IReadOnlyList<Person> People,
    IReadOnlySet<string> Languages,
    IReadOnlySet<string> AccessibilityNeeds,
    IReadOnlySet<string> Interests,
    IReadOnlySet<string> Wishes,
    IReadOnlySet<string> Traits,
    int DaysWaiting)
{
    public int Size => People.Count;

    public int Children => People.Count(p => p.Age < 18);
}

/// <summary>A group ready to match: where it is, what it can support, and what its members bring.</summary>
public sealed record Group(
    string Id,
    string Municipality,
    GroupKind Kind,
    int MaxHouseholdSize,
    IReadOnlySet<string> AccessibilityOffered,
    IReadOnlySet<string> Languages,
    IReadOnlySet<string> Sectors,
    IReadOnlySet<string> Interests,
    bool ChildrenExperience,
    IReadOnlySet<string> Wishes,
    IReadOnlySet<string> Traits,
    int DaysWaiting);

/// <summary>A community builder: the municipalities they work in, the languages they speak, and how many more groups they can take.</summary>
public sealed record Builder(string Id, IReadOnlySet<string> Municipalities, IReadOnlySet<string> Languages, int FreeCapacity);

/// <summary>A pair staff decided on: excluded (never proposed) or agreed (kept as it is, outside the optimisation).</summary>
public sealed record PairDecision(string HouseholdId, string GroupId);

/// <summary>Everything one matching run looks at.</summary>
public sealed record MatchingInput(
    IReadOnlyList<Household> Households,
    IReadOnlyList<Group> Groups,
    IReadOnlyList<Builder> Builders,
    IReadOnlyList<PairDecision> Excluded,
    IReadOnlyList<PairDecision> Agreed);

/// <summary>
/// The weights of the soft score: programme settings, documented in docs/matching.md. Integers, so
/// the optimum is exact. <see cref="Match"/> is large enough that matching one more household always
/// beats a better score for fewer.
/// </summary>
public sealed record Weights
{
    public int Match { get; init; } = 10_000;

    public int SharedLanguage { get; init; } = 40;

    /// <summary>Per person in the household whose work or study goals meet the group's sectors: the whole household counts.</summary>
    public int GoalSector { get; init; } = 30;

    public int SharedInterest { get; init; } = 10;

    /// <summary>A household with children and a group with experience with children or schools.</summary>
    public int Children { get; init; } = 30;

    /// <summary>Per 30 days a household has waited: longer waits weigh more, so nobody is passed over for ever.</summary>
    public int HouseholdWaitPerMonth { get; init; } = 20;

    public int GroupWaitPerMonth { get; init; } = 10;

    /// <summary>Per stated wish of either side that the other meets.</summary>
    public int Wish { get; init; } = 25;

    public static Weights Default { get; } = new();
}
