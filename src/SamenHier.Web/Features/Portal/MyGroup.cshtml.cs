using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Portal;

/// <summary>
/// A group member's page: where the group stands, what is still needed, the expected wait, who the
/// community builder is and whom to ask. Only their own active group; no screening outcomes.
/// </summary>
[Authorize(Policy = Policies.GroupMember)]
public sealed class MyGroupModel(AppDbContext db, CurrentStaff me, StageTimes stageTimes, TimeProvider time) : PageModel
{
    /// <summary>Tasks due within this many days show under "next for you".</summary>
    public const int SoonDays = 14;

    /// <summary>This member's open tasks that are overdue or due soon, soonest first.</summary>
    public IReadOnlyList<Year.PlanTask> MyNextTasks { get; private set; } = [];

    /// <summary>Open tasks without a date or later, owned by this member (counted, not listed).</summary>
    public int MyOtherTasks { get; private set; }

    public GroupMember? Me { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The member says they want to stay involved after the year (or no longer).</summary>
    public async Task<IActionResult> OnPostAlumnusAsync(bool join, CancellationToken ct)
    {
        var userId = me.Id;
        var updated = await db.GroupMembers
            .Where(m => m.UserId == userId && m.ActiveEmail != null && m.ConfirmedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AlumnusSince, join ? time.GetUtcNow() : null), ct);
        return updated == 0 ? NotFound() : Redirect("/mijn-groep?melding=opgeslagen");
    }

    public enum StepState
    {
        Done,
        Now,
        Later,
    }

    public sealed record JourneyStep(GroupStage Stage, StepState State);

    public Group? Group { get; private set; }

    public string? BuilderName { get; private set; }

    public IReadOnlyList<GroupReadiness.Item> Missing { get; private set; } = [];

    public IReadOnlyList<JourneyStep> Steps { get; private set; } = [];

    public StageTimes.Estimate? Next { get; private set; }

    /// <summary>The group's newcomer household, once matched and only when the household agreed to share its profile.</summary>
    public Newcomers.NewcomerHousehold? Household { get; private set; }

    /// <summary>Matched, but the household has not (yet) agreed to share its profile.</summary>
    public bool AwaitingConsent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding is "opgeslagen" ? "Plan_Saved" : null;
        var userId = me.Id;
        // Scope in the query: only a group this person is an active, confirmed member of.
        Group = await PortalScope.MemberGroupAsync(db, userId, ct);
        if (Group is null)
        {
            return Page();
        }

        var builderId = Group.CommunityBuilderId;
        BuilderName = builderId is null ? null : await db.Users.Where(u => u.Id == builderId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        Missing = GroupReadiness.Missing(Group);
        Steps = JourneyOf(Group);
        Next = await stageTimes.NextStepAsync(Group, ct);
        Me = Group.Members.First(m => m.UserId == userId);
        var memberId = Me.Id;
        var groupId = Group.Id;
        var mine = await db.PlanTasks.AsNoTracking()
            .Where(x => x.GroupId == groupId && (x.Status == Year.PlanTaskStatus.Open || x.Status == Year.PlanTaskStatus.Doing) && x.Owners.Any(o => o.MemberId == memberId))
            .ToListAsync(ct);
        var soon = time.TodayInNetherlands().AddDays(SoonDays);
        MyNextTasks = [.. mine.Where(x => Year.Plans.DueOn(x, Group) <= soon).OrderBy(x => Year.Plans.DueOn(x, Group))];
        MyOtherTasks = mine.Count - MyNextTasks.Count;
        if (Group.NewcomerHouseholdId is { } householdId)
        {
            // Scope in the query: the profile loads only with the household's consent.
            Household = await db.NewcomerHouseholds.AsNoTracking()
                .Where(h => h.Id == householdId && h.ProfileConsentAt != null && h.Status != Newcomers.NewcomerStatus.Left)
                .Include(h => h.People.OrderBy(p => p.Id))
                .SingleOrDefaultAsync(ct);
            AwaitingConsent = Household is null;
        }

        return Page();
    }

    /// <summary>The journey as the group sees it: each stage done, now, or still to come.</summary>
    public static IReadOnlyList<JourneyStep> JourneyOf(Group group)
    {
        GroupStage[] order =
        [
            GroupStage.SignedUp, GroupStage.Intake, GroupStage.Screening, GroupStage.Training, GroupStage.Plan,
            GroupStage.ReadyToMatch, GroupStage.Matched, GroupStage.YearTogether, GroupStage.Completed,
        ];
        var current = GroupReadiness.Stage(group);
        var missing = GroupReadiness.Missing(group);
        var index = Array.IndexOf(order, current);
        return [.. order.Select((stage, i) => new JourneyStep(stage, State(stage, i)))];

        StepState State(GroupStage stage, int i)
        {
            if (stage == current)
            {
                return StepState.Now;
            }

            // In preparation the items can be done in any order: a later one may be done already.
            if (group.Status == GroupStatus.Complete && stage is GroupStage.Intake or GroupStage.Screening or GroupStage.Training or GroupStage.Plan)
            {
                var item = stage switch
                {
                    GroupStage.Intake => GroupReadiness.Item.Intake,
                    GroupStage.Screening => GroupReadiness.Item.Screening,
                    GroupStage.Training => GroupReadiness.Item.Trainings,
                    _ => GroupReadiness.Item.Plan,
                };
                return missing.Contains(item) || (item == GroupReadiness.Item.Intake && missing.Contains(GroupReadiness.Item.Offer)) ? StepState.Later : StepState.Done;
            }

            return index >= 0 && i < index ? StepState.Done : StepState.Later;
        }
    }
}
