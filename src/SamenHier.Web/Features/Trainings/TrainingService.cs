using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Trainings;

/// <summary>
/// Registering for training sessions, with a waiting list: a full session puts a member on the list,
/// and a place that frees up goes to the first one waiting at once. Every change to a session's places
/// happens with the session's row locked, so two places freeing at the same moment promote two
/// different people and a session never goes beyond its capacity.
/// </summary>
public sealed class TrainingService(AppDbContext db, TimeProvider time, EmailOutbox outbox, PublicLinks links, IStringLocalizer<SharedResource> t)
{
    public enum Result
    {
        Registered,
        Waiting,
        Cancelled,
        NotFound,
        NotAllowed,
    }

    /// <summary>The sessions a group's members may register for: not cancelled, still to come, of a module for the group's type, in its city or online.</summary>
    public IQueryable<TrainingSession> OpenFor(Group group)
    {
        var now = time.GetUtcNow();
        return db.TrainingSessions.Where(s => s.CancelledAt == null && s.StartsAt > now
            && (s.Module!.GroupType == null || s.Module.GroupType == group.Type)
            && (s.CityId == null || s.CityId == group.CityId));
    }

    /// <summary>A member registers: a place while there is one, else the waiting list. Registering twice changes nothing.</summary>
    public async Task<Result> RegisterAsync(Guid userId, Guid sessionId, CancellationToken ct)
    {
        var member = await MemberAsync(userId, ct);
        if (member is null)
        {
            return Result.NotFound;
        }

        if (!await OpenFor(member.Group!).AnyAsync(s => s.Id == sessionId, ct))
        {
            return Result.NotAllowed;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(sessionId, ct);
        var session = await db.TrainingSessions.Include(s => s.Module).SingleAsync(s => s.Id == sessionId, ct);
        var registration = await db.TrainingRegistrations.SingleOrDefaultAsync(r => r.SessionId == sessionId && r.MemberId == member.Id, ct);
        if (registration is { Status: not RegistrationStatus.Cancelled })
        {
            return registration.Status == RegistrationStatus.Registered ? Result.Registered : Result.Waiting;
        }

        var taken = await db.TrainingRegistrations.CountAsync(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered, ct);
        var now = time.GetUtcNow();
        if (registration is null)
        {
            registration = new TrainingRegistration { Id = Guid.NewGuid(), SessionId = sessionId, MemberId = member.Id };
            db.TrainingRegistrations.Add(registration);
        }

        // Back on the list after cancelling: at the end of it.
        registration.CreatedAt = now;
        registration.Position = 1 + (await db.TrainingRegistrations.Where(r => r.SessionId == sessionId).MaxAsync(r => (int?)r.Position, ct) ?? 0);
        registration.CancelledAt = null;
        registration.PromotedAt = null;
        registration.Status = taken < session.Capacity ? RegistrationStatus.Registered : RegistrationStatus.Waiting;
        Notify(member, session, registration.Status == RegistrationStatus.Registered ? "Registered" : "Waiting");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return registration.Status == RegistrationStatus.Registered ? Result.Registered : Result.Waiting;
    }

    /// <summary>A member cancels; a place they held goes to the first one waiting, who is told.</summary>
    public async Task<Result> CancelAsync(Guid userId, Guid sessionId, CancellationToken ct)
    {
        var member = await MemberAsync(userId, ct);
        if (member is null)
        {
            return Result.NotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(sessionId, ct);
        var registration = await db.TrainingRegistrations.SingleOrDefaultAsync(r => r.SessionId == sessionId && r.MemberId == member.Id && r.Status != RegistrationStatus.Cancelled, ct);
        if (registration is null)
        {
            return Result.NotFound;
        }

        var session = await db.TrainingSessions.Include(s => s.Module).SingleAsync(s => s.Id == sessionId, ct);
        var now = time.GetUtcNow();
        if (session.StartsAt <= now)
        {
            return Result.NotAllowed;
        }

        registration.Status = RegistrationStatus.Cancelled;
        registration.CancelledAt = now;
        await db.SaveChangesAsync(ct);
        await PromoteAsync(session, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return Result.Cancelled;
    }

    /// <summary>
    /// The coordinator cancels a session that has not begun: everyone registered or waiting is told,
    /// in their language, and their registrations end.
    /// </summary>
    public async Task<Result> CancelSessionAsync(IReadOnlyCollection<int> cityIds, bool national, Guid sessionId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(sessionId, ct);
        var session = await db.TrainingSessions.Include(s => s.Module)
            .SingleOrDefaultAsync(s => s.Id == sessionId && (s.CityId == null ? national : cityIds.Contains(s.CityId.Value)), ct);
        if (session is null)
        {
            return Result.NotFound;
        }

        var now = time.GetUtcNow();
        if (session.CancelledAt is not null || session.StartsAt <= now)
        {
            return Result.NotAllowed;
        }

        session.CancelledAt = now;
        session.ConcurrencyStamp = Guid.NewGuid();
        var open = await db.TrainingRegistrations.Include(r => r.Member)
            .Where(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled).ToListAsync(ct);
        foreach (var registration in open)
        {
            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAt = now;
            Notify(registration.Member!, session, "SessionCancelled");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return Result.Cancelled;
    }

    /// <summary>Fills free places from the waiting list, first come first served. Call with the session locked.</summary>
    private async Task PromoteAsync(TrainingSession session, CancellationToken ct)
    {
        var taken = await db.TrainingRegistrations.CountAsync(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Registered, ct);
        if (taken >= session.Capacity || session.CancelledAt is not null)
        {
            return;
        }

        var next = await db.TrainingRegistrations.Include(r => r.Member)
            .Where(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Waiting)
            .OrderBy(r => r.Position)
            .Take(session.Capacity - taken)
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var registration in next)
        {
            registration.Status = RegistrationStatus.Registered;
            registration.PromotedAt = now;
            Notify(registration.Member!, session, "Promoted");
        }
    }

    /// <summary>
    /// Takes the session's row lock until the transaction ends (a write that changes nothing): on
    /// PostgreSQL the row, on SQLite the database; the counts read after it are the truth.
    /// </summary>
    private Task<int> LockAsync(Guid sessionId, CancellationToken ct) =>
        db.TrainingSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, x => x.Capacity), ct);

    private Task<GroupMember?> MemberAsync(Guid userId, CancellationToken ct) =>
        db.GroupMembers.Include(m => m.Group)
            .Where(m => m.UserId == userId && m.ActiveEmail != null && m.ConfirmedAt != null)
            .OrderByDescending(m => m.ConfirmedAt)
            .FirstOrDefaultAsync(ct);

    private void Notify(GroupMember member, TrainingSession session, string what) =>
        outbox.Add(member.Email, member.Name, member.PreferredLanguage, $"training:{session.Id:N}", () =>
            (t[$"Email_Training{what}_Subject", t[$"TrainingModule_{session.Module!.Key}"].Value].Value,
             t[$"Email_Training{what}_Body", member.Name, t[$"TrainingModule_{session.Module!.Key}"].Value,
               session.StartsAt.ToNetherlands().ToString("dddd d MMMM yyyy HH:mm"), session.Place, links.Absolute("/mijn-groep/trainingen")].Value
                + "\n\n" + t["Email_Signature"].Value));
}
