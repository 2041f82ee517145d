namespace SamenHier.Web.Features.Groups;

/// <summary>
/// The readiness rule, in one place: what a group still needs before it can be matched. The
/// trainings item follows the group's attendance, the plan item the coordinator's approval.
/// </summary>
public static class GroupReadiness
{
    public enum Item
    {
        AllConfirmed,
        Intake,

        /// <summary>What the group can offer (largest household, accessibility), which the matching's hard rules read.</summary>
        Offer,
        Screening,
        Trainings,
        Plan,
    }

    /// <summary>The items not done yet, in the order of the journey. Empty means ready to match.</summary>
    public static IReadOnlyList<Item> Missing(Group group)
    {
        var missing = new List<Item>();
        // A member who left no longer counts: the group goes on with those who stay.
        var members = group.Members.Where(m => m.Present).ToList();
        if (members.Count == 0 || members.Any(m => m.ConfirmedAt is null))
        {
            missing.Add(Item.AllConfirmed);
        }

        if (group.IntakeDoneOn is null)
        {
            missing.Add(Item.Intake);
        }

        if (group.MaxHouseholdSize is null)
        {
            missing.Add(Item.Offer);
        }

        if (members.Count == 0 || members.Any(m => m.VogOutcome != VogOutcome.Cleared))
        {
            missing.Add(Item.Screening);
        }

        if (group.TrainingsDoneAt is null)
        {
            missing.Add(Item.Trainings);
        }

        if (group.PlanApprovedAt is null)
        {
            missing.Add(Item.Plan);
        }

        return missing;
    }

    /// <summary>The stage shown for a group: the stored status, refined by the first missing item.</summary>
    public static GroupStage Stage(Group group) => group.Status switch
    {
        GroupStatus.AwaitingConfirmation => GroupStage.SignedUp,
        GroupStatus.Expired => GroupStage.Expired,
        GroupStatus.Withdrawn => GroupStage.Withdrawn,
        GroupStatus.ReadyToMatch => GroupStage.ReadyToMatch,
        GroupStatus.Matched => GroupStage.Matched,
        GroupStatus.YearTogether => GroupStage.YearTogether,
        GroupStatus.Completed => GroupStage.Completed,
        _ => Missing(group).FirstOrDefault(i => i != Item.AllConfirmed) switch
        {
            Item.Intake or Item.Offer => GroupStage.Intake,
            Item.Screening => GroupStage.Screening,
            Item.Trainings => GroupStage.Training,
            Item.Plan => GroupStage.Plan,
            _ => GroupStage.Plan,
        },
    };

    /// <summary>Still in preparation: the coordinator can record intake, screening, trainings and plan.</summary>
    public static bool InPreparation(Group group) => group.Status == GroupStatus.Complete;

    /// <summary>A group that is no longer active frees its members' addresses for another group.</summary>
    public static bool IsActive(GroupStatus status) =>
        status is not (GroupStatus.Expired or GroupStatus.Withdrawn or GroupStatus.Completed);
}
