using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Portal;

/// <summary>
/// A member leaves a running group: their consent withdrawn, their data erased, the group told. Used by
/// <see cref="LeaveGroupModel"/>; in one place so the rules (who may, what follows) are read together.
/// </summary>
public sealed class MemberLeaving(
    AppDbContext db,
    TimeProvider time,
    Privacy.Erasure erasure,
    Trainings.TrainingService trainings,
    EmailOutbox outbox,
    PublicLinks links,
    IStringLocalizer<SharedResource> t)
{
    public enum Outcome
    {
        Left,

        /// <summary>Not in a group they can leave here.</summary>
        NotAllowed,

        /// <summary>The only member left: the coordinator withdraws the group instead.</summary>
        LastMember,

        /// <summary>Someone changed the group at the same moment: read again and retry.</summary>
        Conflict,
    }

    /// <summary>A group a member can leave from their page: one still being prepared or supported.</summary>
    public static bool CanLeave(Group group) =>
        group.Status is GroupStatus.Complete or GroupStatus.ReadyToMatch or GroupStatus.Matched or GroupStatus.YearTogether;

    /// <summary>Whether this member is the only one still in the group.</summary>
    public static bool IsLast(Group group, Guid userId) =>
        group.Members.Count(m => m.Present) == 1 && group.Members.Any(m => m.Present && m.UserId == userId);

    /// <summary>Leaves the signed-in member's group, all in one transaction.</summary>
    public async Task<Outcome> LeaveAsync(Guid userId, CancellationToken ct)
    {
        var groupId = await db.GroupMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.ActiveEmail != null && m.ConfirmedAt != null && m.LeftAt == null)
            .OrderByDescending(m => m.ConfirmedAt)
            .Select(m => (Guid?)m.GroupId)
            .FirstOrDefaultAsync(ct);
        if (groupId is null)
        {
            return Outcome.NotAllowed;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The group's row locked first (a write that changes nothing), so what is read next is the truth.
        await db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(s => s.SetProperty(g => g.ConcurrencyStamp, g => g.ConcurrencyStamp), ct);
        var group = await db.Groups.Include(g => g.City).Include(g => g.Members).AsSplitQuery().SingleAsync(g => g.Id == groupId, ct);
        var member = group.Members.SingleOrDefault(m => m.UserId == userId && m.Present);
        if (member is null || !CanLeave(group))
        {
            return Outcome.NotAllowed;
        }

        if (IsLast(group, userId))
        {
            return Outcome.LastMember;
        }

        var now = time.GetUtcNow();
        var name = member.Name;
        await trainings.GiveUpPlacesAsync(member.Id, ct);
        var accounts = new List<Guid>();
        await erasure.EraseLeavingMemberAsync(member, accounts, userId, ct);
        member.LeftAt = now;
        if (member.IsContactPerson && group.Members.Where(m => m.Present).OrderBy(m => m.Position).FirstOrDefault() is { } next)
        {
            member.IsContactPerson = false;
            next.IsContactPerson = true;
        }

        // Their name leaves the group's history too (a screening noted, a plan started or sent).
        await db.GroupEvents.Where(e => e.GroupId == group.Id && e.Detail == name).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, (string?)null), ct);
        await db.GroupEvents.Where(e => e.GroupId == group.Id && e.ByName == name).ExecuteUpdateAsync(s => s.SetProperty(e => e.ByName, Privacy.Erasure.Erased), ct);
        await db.YearReviews.Where(r => r.GroupId == group.Id && r.ByName == name).ExecuteUpdateAsync(s => s.SetProperty(r => r.ByName, Privacy.Erasure.Erased), ct);
        // Tasks they held are open to the others again.
        await db.Set<Year.PlanTaskOwner>().Where(o => o.MemberId == member.Id).ExecuteDeleteAsync(ct);
        if (GroupReadiness.InPreparation(group) && await Trainings.TrainingRecord.UpdateAsync(db, group, now, ct))
        {
            db.GroupEvents.Add(new GroupEvent { GroupId = group.Id, At = now, ByName = Privacy.Erasure.Erased, Kind = group.TrainingsDoneAt is null ? "TrainingsNotDone" : "TrainingsDone" });
        }

        group.ConcurrencyStamp = Guid.NewGuid();
        db.GroupEvents.Add(new GroupEvent { GroupId = group.Id, At = now, ByName = Privacy.Erasure.Erased, Kind = "MemberLeft" });
        await AnnounceAsync(group, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Conflict;
        }

        await PortalAccounts.DeleteOrphansAsync(db, accounts, ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return Outcome.Left;
    }

    /// <summary>The city's coordinators and the group's community builder hear that a member left: the group, not who.</summary>
    private async Task AnnounceAsync(Group group, CancellationToken ct)
    {
        var staff = await StaffRecipients.CoordinatorsOfAsync(db, group.CityId, ct);
        if (await StaffRecipients.BuilderOfAsync(db, group.Id, ct) is { } builder)
        {
            staff.Add(builder);
        }

        var link = links.Absolute($"/beheer/groepen/{group.Id}");
        foreach (var s in staff.DistinctBy(s => s.Email))
        {
            // Composed in the recipient's language, the group's label included.
            outbox.Add(s.Email, s.Name, s.Language, $"group:{group.Id:N}", () =>
                (t["Email_MemberLeft_Subject"].Value,
                 t["Email_MemberLeft_Body", s.Name, SignUp.SignUpService.Label(group, t), link].Value + "\n\n" + t["Email_SignatureStaff"].Value));
        }
    }
}
