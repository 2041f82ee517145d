using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Features.Notifications;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Events;

/// <summary>
/// Answering for community events: a household says how many people come, within the places left.
/// Every change to an event's places happens with the event's row locked, so two answers at the
/// same moment never take more places than there are.
/// </summary>
public sealed class EventService(AppDbContext db, TimeProvider time, Notifier notifier, PublicLinks links, IStringLocalizer<SharedResource> t)
{
    public enum Outcome
    {
        Going,
        Full,
        Cancelled,
        NotFound,
        NotAllowed,
    }

    public sealed record Answer(Outcome Outcome, int PlacesLeft = 0);

    /// <summary>Events still to end, of the given cities or national.</summary>
    public IQueryable<CommunityEvent> Upcoming(IReadOnlyCollection<int> cities)
    {
        var now = time.GetUtcNow();
        return db.CommunityEvents.Where(e => e.EndsAt > now && (e.CityId == null || cities.Contains(e.CityId.Value)));
    }

    /// <summary>A person answers for their household: <paramref name="people"/> come. A second answer changes the number.</summary>
    public async Task<Answer> RsvpAsync(Guid userId, Guid eventId, int people, CancellationToken ct)
    {
        if (people is < 1 or > EventModel.MaxPeople)
        {
            return new Answer(Outcome.NotAllowed);
        }

        var cities = await PersonScope.CityIdsAsync(db, userId, ct);
        var now = time.GetUtcNow();
        if (!await Upcoming(cities).AnyAsync(e => e.Id == eventId && e.CancelledAt == null && e.StartsAt > now, ct))
        {
            return new Answer(Outcome.NotFound);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(eventId, ct);
        var e = await db.CommunityEvents.SingleAsync(x => x.Id == eventId, ct);
        if (e.CancelledAt is not null || e.StartsAt <= now)
        {
            // Cancelled or begun while this answer was on its way.
            return new Answer(Outcome.NotFound);
        }

        var rsvp = await db.EventRsvps.SingleOrDefaultAsync(r => r.EventId == eventId && r.UserId == userId, ct);
        if (e.Capacity is { } capacity)
        {
            var others = await db.EventRsvps.Where(r => r.EventId == eventId && r.CancelledAt == null && r.UserId != userId).SumAsync(r => (int?)r.People, ct) ?? 0;
            if (others + people > capacity)
            {
                return new Answer(Outcome.Full, Math.Max(0, capacity - others));
            }
        }

        var changed = rsvp is null || rsvp.CancelledAt is not null || rsvp.People != people;
        if (rsvp is null)
        {
            rsvp = new EventRsvp { Id = Guid.NewGuid(), EventId = eventId, UserId = userId };
            db.EventRsvps.Add(rsvp);
        }

        if (rsvp.CancelledAt is not null)
        {
            rsvp.CreatedAt = now;
        }

        rsvp.CancelledAt = null;
        rsvp.People = people;
        if (changed)
        {
            foreach (var to in await RecipientsAsync([userId], ct))
            {
                await NotifyAsync(to, e, NotificationCategory.Confirmation, "Rsvp", people, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notifier.Wake();
        return new Answer(Outcome.Going);
    }

    /// <summary>A person takes back their answer; the places are free again.</summary>
    public async Task<Outcome> CancelRsvpAsync(Guid userId, Guid eventId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(eventId, ct);
        var now = time.GetUtcNow();
        var rsvp = await db.EventRsvps.SingleOrDefaultAsync(r => r.EventId == eventId && r.UserId == userId && r.CancelledAt == null, ct);
        // An answer to an event that began or was cancelled stays as it was.
        if (rsvp is null || await db.CommunityEvents.AnyAsync(e => e.Id == eventId && (e.CancelledAt != null || e.StartsAt <= now), ct))
        {
            return Outcome.NotFound;
        }

        rsvp.CancelledAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome.Cancelled;
    }

    /// <summary>Staff cancel an event that has not begun; everyone who said they would come hears, in their language.</summary>
    public async Task<Outcome> CancelEventAsync(IReadOnlyCollection<int> cities, bool national, Guid eventId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(eventId, ct);
        var e = await db.CommunityEvents.SingleOrDefaultAsync(x => x.Id == eventId && (x.CityId == null ? national : cities.Contains(x.CityId.Value)), ct);
        if (e is null)
        {
            return Outcome.NotFound;
        }

        var now = time.GetUtcNow();
        if (e.CancelledAt is not null || e.StartsAt <= now)
        {
            return Outcome.NotAllowed;
        }

        e.CancelledAt = now;
        e.Sequence++;
        e.ConcurrencyStamp = Guid.NewGuid();
        await NotifyGoingAsync(e, "Cancelled", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notifier.Wake();
        return Outcome.Cancelled;
    }

    /// <summary>Tells everyone who comes that the event's time or place changed. Call before SaveChanges.</summary>
    public Task NotifyChangedAsync(CommunityEvent e, CancellationToken ct) => NotifyGoingAsync(e, "Changed", ct);

    /// <summary>Call after SaveChanges so the e-mails go at once.</summary>
    public void Wake() => notifier.Wake();

    /// <summary>The places taken on an event (people, not households).</summary>
    public Task<int> TakenAsync(Guid eventId, CancellationToken ct) =>
        db.EventRsvps.Where(r => r.EventId == eventId && r.CancelledAt == null).SumAsync(r => r.People, ct);

    private async Task NotifyGoingAsync(CommunityEvent e, string what, CancellationToken ct)
    {
        var going = await db.EventRsvps.Where(r => r.EventId == e.Id && r.CancelledAt == null).ToDictionaryAsync(r => r.UserId, r => r.People, ct);
        foreach (var to in await RecipientsAsync([.. going.Keys], ct))
        {
            await NotifyAsync(to, e, NotificationCategory.Essential, what, going[to.UserId!.Value], ct);
        }
    }

    private Task<List<Recipient>> RecipientsAsync(List<Guid> userIds, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .Select(u => new Recipient(u.Id, u.Email!, u.DisplayName, u.Language))
            .ToListAsync(ct);

    /// <summary>One notification about an event: <c>Notify_Event{What}_Subject</c> and <c>_Body</c> in the recipient's language.</summary>
    public Task NotifyAsync(Recipient to, CommunityEvent e, NotificationCategory category, string what, int people, CancellationToken ct) =>
        notifier.AddAsync(to, category, $"event:{e.Id:N}", "/activiteiten", () =>
            (t[$"Notify_Event{what}_Subject", e.Title].Value,
             t[$"Notify_Event{what}_Body", to.Name, e.Title, When(e.StartsAt, e.EndsAt), e.Place, people, links.Absolute("/activiteiten")].Value
                + "\n\n" + t["Email_SignatureNotifications", links.Absolute("/meldingen")].Value), ct);

    /// <summary>A start and end on the Dutch clock, in the current culture.</summary>
    public static string When(DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        $"{startsAt.ToNetherlands():dddd d MMMM yyyy, HH:mm}–{endsAt.ToNetherlands():HH:mm}";

    /// <summary>Takes the event's row lock until the transaction ends (a write that changes nothing).</summary>
    public Task<int> LockAsync(Guid eventId, CancellationToken ct) =>
        db.CommunityEvents.Where(x => x.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Sequence, x => x.Sequence), ct);
}
