using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Groups;

/// <summary>
/// Taking a group from complete to ready to match, or withdrawing it. Each change is made within the
/// staff member's scope, only when its conditions hold, against the version of the group the person
/// saw (so two people cannot overwrite each other), and recorded as an event: who, when and why.
/// </summary>
public sealed class GroupJourney(
    AppDbContext db,
    CurrentStaff staff,
    UserManager<AppUser> users,
    TimeProvider time,
    Infrastructure.Email.EmailOutbox outbox,
    Infrastructure.PublicLinks links,
    Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource> t)
{
    public enum Result
    {
        Done,
        NotFound,
        Conflict,
        NotAllowed,
    }

    /// <summary>The group with its members and history, if it is in the viewer's scope.</summary>
    public async Task<Group?> FindAsync(Guid id, CancellationToken ct) =>
        await (await staff.GroupsAsync(ct))
            .Include(g => g.City)
            .Include(g => g.Members.OrderBy(m => m.Position))
            .Include(g => g.Events.OrderByDescending(e => e.At))
            .AsSplitQuery()
            .SingleOrDefaultAsync(g => g.Id == id, ct);

    public Task<Result> RecordIntakeAsync(Guid id, Guid stamp, DateOnly on, CancellationToken ct) =>
        ChangeAsync(id, stamp, GroupReadiness.InPreparation, g =>
        {
            g.IntakeDoneOn = on;
            return ("IntakeDone", on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null);
        }, ct);

    public Task<Result> RecordVogAsync(Guid id, Guid stamp, Guid memberId, VogOutcome outcome, DateOnly on, string checkedBy, CancellationToken ct) =>
        ChangeAsync(id, stamp, g => GroupReadiness.InPreparation(g) && g.Members.Any(m => m.Id == memberId && m.Present) && outcome != VogOutcome.NotChecked, g =>
        {
            var member = g.Members.Single(m => m.Id == memberId);
            member.VogCheckedOn = on;
            member.VogCheckedBy = checkedBy;
            member.VogOutcome = outcome;
            // The event names the member but not the outcome: the history is restricted less than the outcome.
            return ("VogChecked", member.Name, null);
        }, ct);

    /// <summary>The coordinator approves the group's plan (or goals): only a plan that has tasks.</summary>
    public async Task<Result> RecordPlanAsync(Guid id, Guid stamp, CancellationToken ct)
    {
        var hasTasks = await db.PlanTasks.AnyAsync(x => x.GroupId == id, ct);
        return await ChangeAsync(id, stamp, g => GroupReadiness.InPreparation(g) && hasTasks, g =>
        {
            g.PlanApprovedAt = time.GetUtcNow();
            return (g.Type == Cities.GroupType.Sponsor ? "PlanApproved" : "GoalsSet", null, null);
        }, ct);
    }

    /// <summary>The planned arrival or first meeting (or none): every due date of the plan moves with it.</summary>
    public Task<Result> SetArrivalAsync(Guid id, Guid stamp, DateOnly? on, CancellationToken ct) =>
        ChangeAsync(id, stamp, Year.Plans.CanPlan, g =>
        {
            g.ArrivalOn = on;
            return ("ArrivalDateSet", on?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null);
        }, ct);

    /// <summary>The arrival or first meeting happened: the year together begins, and the check-ins count from this day.</summary>
    public Task<Result> StartYearAsync(Guid id, Guid stamp, DateOnly on, CancellationToken ct) =>
        ChangeAsync(id, stamp, g => g.Status == GroupStatus.Matched, g =>
        {
            g.Status = GroupStatus.YearTogether;
            g.YearStartedOn = on;
            g.ArrivalOn ??= on;
            return ("YearStarted", on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null);
        }, ct);

    /// <summary>
    /// The year is over: the group completes, its members' addresses are free for a new group, and
    /// those who asked to stay involved become alumni.
    /// </summary>
    public Task<Result> CompleteYearAsync(Guid id, Guid stamp, DateOnly on, CancellationToken ct) =>
        ChangeAsync(id, stamp, g => g.Status == GroupStatus.YearTogether && g.YearStartedOn <= on, g =>
        {
            g.Status = GroupStatus.Completed;
            g.YearEndedOn = on;
            foreach (var member in g.Members)
            {
                member.ActiveEmail = null;
            }

            return ("YearCompleted", on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null);
        }, ct);

    /// <summary>What the group can offer: the largest household it can support, accessibility, experience with children.</summary>
    public Task<Result> RecordOfferAsync(
        Guid id, Guid stamp, int maxHouseholdSize, IReadOnlyCollection<string> accessibility, bool children,
        IReadOnlyCollection<string> traits, IReadOnlyCollection<string> wishes, CancellationToken ct) =>
        ChangeAsync(id, stamp, g => GroupReadiness.IsActive(g.Status), g =>
        {
            g.Traits = string.Join(',', GroupOffer.PreferenceKeys.Where(traits.Contains));
            g.Wishes = string.Join(',', GroupOffer.PreferenceKeys.Where(wishes.Contains));
            g.MaxHouseholdSize = maxHouseholdSize;
            g.AccessibilityOffered = string.Join(',', GroupOffer.AccessibilityKeys.Where(accessibility.Contains));
            g.ChildrenExperience = children;
            return ("OfferRecorded", null, null);
        }, ct);

    /// <summary>Only when <see cref="GroupReadiness.Missing"/> is empty.</summary>
    public Task<Result> MarkReadyAsync(Guid id, Guid stamp, CancellationToken ct) =>
        ChangeAsync(id, stamp, g => GroupReadiness.InPreparation(g) && GroupReadiness.Missing(g).Count == 0, g =>
        {
            g.Status = GroupStatus.ReadyToMatch;
            g.ReadyAt = time.GetUtcNow();
            return ("ReadyToMatch", null, null);
        }, ct);

    /// <summary>
    /// Puts a community builder at the group's side (or none). The builder must work in the group's
    /// city and have a free place; the change is recorded and the builder told by e-mail.
    /// </summary>
    public async Task<Result> AssignBuilderAsync(Guid id, Guid stamp, Guid? builderId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (builderId is { } locked)
        {
            // Lock the builder's row until commit (PostgreSQL; SQLite serialises writers anyway), so two
            // coordinators giving the same builder their last place at once cannot both succeed.
            await db.Users.Where(u => u.Id == locked).ExecuteUpdateAsync(s => s.SetProperty(u => u.GroupCapacity, u => u.GroupCapacity), ct);
        }

        AppUser? builder = null;
        var group = await FindAsync(id, ct);
        if (builderId is { } wanted && group is not null)
        {
            builder = await (await staff.ActiveCommunityBuildersAsync(ct))
                .Where(u => u.Id == wanted && u.Cities.Any(c => c.CityId == group.CityId))
                .Where(u => u.GroupCapacity > CommunityBuilders.BuilderLoad.Active(db.Groups).Count(g => g.CommunityBuilderId == u.Id && g.Id != id))
                .SingleOrDefaultAsync(ct);
            if (builder is null)
            {
                return Result.NotAllowed;
            }
        }

        var result = await ChangeAsync(id, stamp, g => GroupReadiness.IsActive(g.Status) && g.CommunityBuilderId != builderId, g =>
        {
            g.CommunityBuilderId = builderId;
            if (builder is null)
            {
                return ("CommunityBuilderRemoved", null, null);
            }

            // Written with the change, so the builder hears of it exactly when it happened.
            var label = SignUp.SignUpService.Label(g, t);
            outbox.Add(builder.Email!, builder.DisplayName, builder.Language, $"group:{id:N}", () =>
                (t["Email_BuilderAssigned_Subject", label].Value,
                 t["Email_BuilderAssigned_Body", builder.DisplayName, label, links.Absolute($"/beheer/mijn-groepen/{id}")].Value
                    + "\n\n" + t["Email_SignatureStaff"].Value));
            return ("CommunityBuilderAssigned", builder.DisplayName, null);
        }, ct);
        if (result == Result.Done)
        {
            await transaction.CommitAsync(ct);
            if (builder is not null)
            {
                outbox.Wake();
            }
        }

        return result;
    }

    /// <summary>From any active stage, with a reason; the members' addresses are free for another group.</summary>
    public Task<Result> WithdrawAsync(Guid id, Guid stamp, WithdrawalReason category, string reason, CancellationToken ct) =>
        ChangeAsync(id, stamp, g => GroupReadiness.IsActive(g.Status) && g.Status != GroupStatus.AwaitingConfirmation, g =>
        {
            g.Status = GroupStatus.Withdrawn;
            g.WithdrawnAt = time.GetUtcNow();
            g.WithdrawnReason = reason;
            g.WithdrawnFor = category;
            foreach (var member in g.Members)
            {
                member.ActiveEmail = null;
            }

            return ("Withdrawn", null, reason);
        }, ct);

    private async Task<Result> ChangeAsync(
        Guid id,
        Guid stamp,
        Func<Group, bool> allowed,
        Func<Group, (string Kind, string? Detail, string? Reason)> change,
        CancellationToken ct)
    {
        var group = await FindAsync(id, ct);
        if (group is null)
        {
            return Result.NotFound;
        }

        if (group.ConcurrencyStamp != stamp)
        {
            return Result.Conflict;
        }

        if (!allowed(group))
        {
            return Result.NotAllowed;
        }

        var (kind, detail, reason) = change(group);
        var by = await staff.UserAsync(users);
        db.Add(new GroupEvent
        {
            GroupId = group.Id,
            At = time.GetUtcNow(),
            ByUserId = by?.Id,
            ByName = by?.DisplayName ?? "?",
            Kind = kind,
            Detail = detail,
            Reason = reason,
        });
        group.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved this group between our read and our write.
            db.ChangeTracker.Clear();
            return Result.Conflict;
        }

        return Result.Done;
    }
}
