using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Notifications;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Trainings;

/// <summary>
/// Registering for training sessions, with a waiting list: a full session puts a member on the list,
/// and a place that frees up goes to the first one waiting at once. Every change to a session's places
/// happens with the session's row locked, so two places freeing at the same moment promote two
/// different people and a session never goes beyond its capacity.
/// </summary>
public sealed class TrainingService(AppDbContext db, TimeProvider time, Notifier notifier, PublicLinks links, IStringLocalizer<SharedResource> t)
{
    public enum Result
    {
        Registered,
        Waiting,
        Cancelled,
        NotFound,
        NotAllowed,
        Changed,
        TooSmall,
    }

    /// <summary>What a coordinator may change about a session.</summary>
    public sealed record Change(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Place, bool Online, int Capacity, string Language, string Trainer);

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
        await NotifyAsync(member, session, NotificationCategory.Confirmation, registration.Status == RegistrationStatus.Registered ? "Registered" : "Waiting", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notifier.Wake();
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
        notifier.Wake();
        return Result.Cancelled;
    }

    /// <summary>
    /// A member who leaves their group gives up their places at sessions still to come, in the
    /// caller's transaction: each session locked, its registration cancelled, the first waiting promoted
    /// and told (wake the sender after the commit).
    /// </summary>
    public async Task GiveUpPlacesAsync(Guid memberId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sessionIds = await db.TrainingRegistrations
            .Where(r => r.MemberId == memberId && r.Status != RegistrationStatus.Cancelled)
            .Join(db.TrainingSessions.Where(s => s.StartsAt > now), r => r.SessionId, s => s.Id, (r, s) => s.Id)
            .ToListAsync(ct);
        foreach (var sessionId in sessionIds)
        {
            await LockAsync(sessionId, ct);
            var registration = await db.TrainingRegistrations.SingleAsync(r => r.SessionId == sessionId && r.MemberId == memberId && r.Status != RegistrationStatus.Cancelled, ct);
            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAt = now;
            await db.SaveChangesAsync(ct);
            await PromoteAsync(await db.TrainingSessions.Include(s => s.Module).SingleAsync(s => s.Id == sessionId, ct), ct);
        }
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
        session.Sequence++;
        session.ConcurrencyStamp = Guid.NewGuid();
        var open = await db.TrainingRegistrations.Include(r => r.Member)
            .Where(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled).ToListAsync(ct);
        foreach (var registration in open)
        {
            registration.Status = RegistrationStatus.Cancelled;
            registration.CancelledAt = now;
            await NotifyAsync(registration.Member!, session, NotificationCategory.Essential, "SessionCancelled", ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notifier.Wake();
        return Result.Cancelled;
    }

    /// <summary>
    /// The coordinator changes a session that has not begun. A new time or place is told to everyone
    /// registered or waiting (and calendars take it: the sequence goes up); more places go to the
    /// waiting list at once; fewer places than are taken is refused.
    /// </summary>
    public async Task<(Result Result, int Taken)> ChangeSessionAsync(IReadOnlyCollection<int> cityIds, bool national, Guid sessionId, Change change, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(sessionId, ct);
        var session = await db.TrainingSessions.Include(s => s.Module)
            .SingleOrDefaultAsync(s => s.Id == sessionId && (s.CityId == null ? national : cityIds.Contains(s.CityId.Value)), ct);
        if (session is null)
        {
            return (Result.NotFound, 0);
        }

        if (session.CancelledAt is not null || session.StartsAt <= time.GetUtcNow())
        {
            return (Result.NotAllowed, 0);
        }

        var taken = await db.TrainingRegistrations.CountAsync(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered, ct);
        if (change.Capacity < taken)
        {
            return (Result.TooSmall, taken);
        }

        var moved = session.StartsAt != change.StartsAt || session.EndsAt != change.EndsAt || session.Place != change.Place;
        session.StartsAt = change.StartsAt;
        session.EndsAt = change.EndsAt;
        session.Place = change.Place;
        session.Online = change.Online;
        session.Capacity = change.Capacity;
        session.Language = change.Language;
        session.Trainer = change.Trainer;
        session.ConcurrencyStamp = Guid.NewGuid();
        if (moved)
        {
            session.Sequence++;
            var open = await db.TrainingRegistrations.Include(r => r.Member)
                .Where(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled).ToListAsync(ct);
            foreach (var registration in open)
            {
                await NotifyAsync(registration.Member!, session, NotificationCategory.Essential, "Changed", ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await PromoteAsync(session, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notifier.Wake();
        return (Result.Changed, taken);
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
            await NotifyAsync(registration.Member!, session, NotificationCategory.Essential, "Promoted", ct);
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

    /// <summary>One notification about a session: <c>Email_Training{What}_Subject</c> and <c>_Body</c> in the member's language.</summary>
    public Task NotifyAsync(GroupMember member, TrainingSession session, NotificationCategory category, string what, CancellationToken ct) =>
        notifier.AddAsync(new Recipient(member.UserId, member.Email, member.Name, member.PreferredLanguage), category, $"training:{session.Id:N}", "/mijn-groep/trainingen", () =>
            (t[$"Email_Training{what}_Subject", t[$"TrainingModule_{session.Module!.Key}"].Value].Value,
             t[$"Email_Training{what}_Body", member.Name, t[$"TrainingModule_{session.Module!.Key}"].Value,
               Events.EventService.When(session.StartsAt, session.EndsAt), session.Place, links.Absolute("/mijn-groep/trainingen")].Value
                + "\n\n" + t["Email_SignatureNotifications", links.Absolute("/meldingen")].Value), ct);
}
