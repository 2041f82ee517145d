using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Events;
using SamenHier.Web.Features.Notifications;
using SamenHier.Web.Features.Trainings;

namespace SamenHier.Web.Features.Calendar;

/// <summary>
/// Reminds people of the sessions and events they come to, two days before (see
/// <see cref="ReminderOptions.HoursAhead"/>), each once: also across retries and several app
/// instances on one database (<see cref="ReminderLedger"/>). A session or event moved to a new time
/// is reminded again for that time.
/// </summary>
public sealed class CalendarReminders(AppDbContext db, TimeProvider time, TrainingService trainings, EventService events, IOptions<ReminderOptions> options)
{
    /// <summary>Queues what is due now; returns how many reminders were queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now.AddHours(options.Value.HoursAhead);
        var sent = 0;

        var registrations = await db.TrainingRegistrations.AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Registered && r.Member!.ActiveEmail != null && r.Member.UserId != null)
            .Join(db.TrainingSessions.Include(s => s.Module), r => r.SessionId, s => s.Id, (r, s) => new { Registration = r, Session = s })
            .Where(x => x.Session.CancelledAt == null && x.Session.StartsAt > now && x.Session.StartsAt <= until)
            .Select(x => new { x.Session, x.Registration.MemberId })
            .ToListAsync(ct);
        var memberIds = registrations.Select(x => x.MemberId).Distinct().ToList();
        var members = await db.GroupMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var keyed = registrations.Select(x => (x.Session, Member: members[x.MemberId], Key: $"remind:training:{x.Session.Id:N}:{x.Session.StartsAt:yyyyMMddHHmm}:{x.MemberId:N}")).ToList();
        var done = await ReminderLedger.SentAsync(db, [.. keyed.Select(x => x.Key)], ct);
        foreach (var (session, member, key) in keyed.Where(x => !done.Contains(x.Key)))
        {
            await trainings.NotifyAsync(member, session, NotificationCategory.Reminder, "Reminder", ct);
            sent += await ReminderLedger.CommitAsync(db, time, [key], ct);
        }

        var rsvps = await db.EventRsvps.AsNoTracking()
            .Where(r => r.CancelledAt == null)
            .Join(db.CommunityEvents, r => r.EventId, e => e.Id, (r, e) => new { Rsvp = r, Event = e })
            .Where(x => x.Event.CancelledAt == null && x.Event.StartsAt > now && x.Event.StartsAt <= until)
            .ToListAsync(ct);
        var userIds = rsvps.Select(x => x.Rsvp.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => new Recipient(u.Id, u.Email!, u.DisplayName, u.Language), ct);
        var eventKeys = rsvps.Where(x => users.ContainsKey(x.Rsvp.UserId))
            .Select(x => (x.Event, x.Rsvp, Key: $"remind:event:{x.Event.Id:N}:{x.Event.StartsAt:yyyyMMddHHmm}:{x.Rsvp.UserId:N}")).ToList();
        done = await ReminderLedger.SentAsync(db, [.. eventKeys.Select(x => x.Key)], ct);
        foreach (var (e, rsvp, key) in eventKeys.Where(x => !done.Contains(x.Key)))
        {
            await events.NotifyAsync(users[rsvp.UserId], e, NotificationCategory.Reminder, "Reminder", rsvp.People, ct);
            sent += await ReminderLedger.CommitAsync(db, time, [key], ct);
        }

        if (sent > 0)
        {
            db.ChangeTracker.Clear();
            events.Wake();
        }

        return sent;
    }
}
