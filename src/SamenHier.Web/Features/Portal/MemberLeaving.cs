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
    /// <summary>A group a member can leave from their page: one still being prepared or supported.</summary>
    public static bool CanLeave(Group group) =>
        group.Status is GroupStatus.Complete or GroupStatus.ReadyToMatch or GroupStatus.Matched or GroupStatus.YearTogether;

    /// <summary>Leaves the signed-in member's group; false when they are in no group they can leave.</summary>
    public async Task<bool> LeaveAsync(Guid userId, CancellationToken ct)
    {
        var member = await db.GroupMembers.Include(m => m.Group)
            .Where(m => m.UserId == userId && m.ActiveEmail != null && m.ConfirmedAt != null && m.LeftAt == null)
            .OrderByDescending(m => m.ConfirmedAt)
            .FirstOrDefaultAsync(ct);
        if (member is null || !CanLeave(member.Group!))
        {
            return false;
        }

        // Places at sessions still to come go to whoever waits (each in its own locked transaction).
        var now = time.GetUtcNow();
        var upcoming = await db.TrainingRegistrations
            .Where(r => r.MemberId == member.Id && r.Status != Trainings.RegistrationStatus.Cancelled)
            .Join(db.TrainingSessions.Where(s => s.StartsAt > now), r => r.SessionId, s => s.Id, (r, s) => s.Id)
            .ToListAsync(ct);
        foreach (var sessionId in upcoming)
        {
            await trainings.CancelAsync(userId, sessionId, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var group = await db.Groups.Include(g => g.City).Include(g => g.Members).SingleAsync(g => g.Id == member.GroupId, ct);
        member = group.Members.Single(m => m.Id == member.Id);
        var accounts = new List<Guid>();
        await erasure.EraseLeavingMemberAsync(member, accounts, userId, ct);
        member.LeftAt = now;
        if (member.IsContactPerson && group.Members.Where(m => m.Present).OrderBy(m => m.Position).FirstOrDefault() is { } next)
        {
            member.IsContactPerson = false;
            next.IsContactPerson = true;
        }

        // Tasks they held are open to the others again.
        await db.Set<Year.PlanTaskOwner>().Where(o => o.MemberId == member.Id).ExecuteDeleteAsync(ct);
        await Trainings.TrainingRecord.UpdateAsync(db, group, now, ct);
        group.ConcurrencyStamp = Guid.NewGuid();
        db.GroupEvents.Add(new GroupEvent { GroupId = group.Id, At = now, ByName = Privacy.Erasure.Erased, Kind = "MemberLeft" });
        await AnnounceAsync(group, ct);
        await db.SaveChangesAsync(ct);
        await PortalAccounts.DeleteOrphansAsync(db, accounts, ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return true;
    }

    /// <summary>The city's coordinators and the group's community builder hear that a member left: the group, not who.</summary>
    private async Task AnnounceAsync(Group group, CancellationToken ct)
    {
        var coordinatorRole = await db.Roles.Where(r => r.Name == StaffRoles.Coordinator).Select(r => r.Id).SingleOrDefaultAsync(ct);
        var cityId = group.CityId;
        var builderId = group.CommunityBuilderId;
        var staff = await db.Users
            .Where(u => u.Email != null && u.DisabledAt == null
                && (u.Id == builderId || (db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinatorRole) && u.Cities.Any(c => c.CityId == cityId))))
            .Select(u => new { u.Email, u.DisplayName, u.Language })
            .ToListAsync(ct);
        var link = links.Absolute($"/beheer/groepen/{group.Id}");
        var label = SignUp.SignUpService.Label(group, t);
        foreach (var s in staff.DistinctBy(s => s.Email))
        {
            outbox.Add(s.Email!, s.DisplayName, s.Language, $"group:{group.Id:N}", () =>
                (t["Email_MemberLeft_Subject"].Value,
                 t["Email_MemberLeft_Body", s.DisplayName, label, link].Value + "\n\n" + t["Email_SignatureStaff"].Value));
        }
    }
}
