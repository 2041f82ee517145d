using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Events;
using SamenHier.Web.Features.Trainings;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Calendar;

/// <summary>
/// A person's calendar feed: a secret address a calendar app subscribes to. Only the SHA-256 of the
/// secret finds the feed; the secret itself is kept encrypted (data protection) so the person can
/// read their address again. Renewing makes a new secret, and the old address stops working.
/// </summary>
public sealed class CalendarFeed
{
    public Guid UserId { get; set; }

    public required string TokenHash { get; set; }

    public required string ProtectedToken { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public static class CalendarModel
{
    public static void Configure(ModelBuilder builder) =>
        builder.Entity<CalendarFeed>(e =>
        {
            e.HasKey(x => x.UserId);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.ProtectedToken).HasMaxLength(1000);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne<AppUser>().WithOne().HasForeignKey<CalendarFeed>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
}

/// <summary>Feeds and .ics files: what goes in a person's calendar, a city's public calendar, one session or event.</summary>
public sealed class CalendarFeeds(AppDbContext db, IDataProtectionProvider protection, TimeProvider time, PublicLinks links, IStringLocalizer<SharedResource> t)
{
    private IDataProtector Protector => protection.CreateProtector("SamenHier.CalendarFeed");

    /// <summary>The person's feed address, or null when they have none yet (or it can no longer be read: renew it).</summary>
    public async Task<string?> AddressAsync(Guid userId, CancellationToken ct)
    {
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == userId, ct);
        if (feed is null)
        {
            return null;
        }

        try
        {
            return Address(Protector.Unprotect(feed.ProtectedToken));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Makes a new secret address for the person; an old one stops working at once.</summary>
    public async Task<string> RenewAsync(Guid userId, CancellationToken ct)
    {
        var (token, hash) = SecretToken.Create();
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId, ct);
        if (feed is null)
        {
            feed = new CalendarFeed { UserId = userId, TokenHash = "", ProtectedToken = "" };
            db.CalendarFeeds.Add(feed);
        }

        feed.TokenHash = hash;
        feed.ProtectedToken = Protector.Protect(token);
        feed.CreatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(feed).State == EntityState.Added)
        {
            // Made twice at the same moment (a double click): renew the one the other request made.
            db.ChangeTracker.Clear();
            return await RenewAsync(userId, ct);
        }

        return Address(token);
    }

    /// <summary>The owner of the feed with this secret, if any.</summary>
    public async Task<Guid?> OwnerAsync(string token, CancellationToken ct)
    {
        if (!SecretToken.LooksValid(token))
        {
            return null;
        }

        var hash = SecretToken.Hash(token);
        return await db.CalendarFeeds.Where(f => f.TokenHash == hash).Select(f => (Guid?)f.UserId).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// A person's calendar: their training sessions (a waiting-list place as tentative), the events
    /// they answered yes to, and — for staff — the sessions and events of their cities; from a month
    /// ago on. What was cancelled stays in, as cancelled, so calendars take it out.
    /// </summary>
    public async Task<List<Ics.Item>> PersonalAsync(Guid userId, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddDays(-30);
        var items = new List<Ics.Item>();
        var registrations = await db.TrainingRegistrations.AsNoTracking()
            .Where(r => r.Member!.UserId == userId && r.Member.ActiveEmail != null)
            .Join(db.TrainingSessions.Include(s => s.Module), r => r.SessionId, s => s.Id, (r, s) => new { r.Status, Session = s })
            .Where(x => x.Session.StartsAt > since && (x.Status != RegistrationStatus.Cancelled || x.Session.CancelledAt != null))
            .ToListAsync(ct);
        items.AddRange(registrations.Select(x => Session(x.Session, x.Status == RegistrationStatus.Waiting)));

        // Events of the cities the person still belongs to (a household that left keeps no calendar of them).
        var cities = await PersonScope.CityIdsAsync(db, userId, ct);
        var rsvps = await db.EventRsvps.AsNoTracking()
            .Where(r => r.UserId == userId && r.CancelledAt == null)
            .Join(db.CommunityEvents, r => r.EventId, e => e.Id, (r, e) => e)
            .Where(e => e.StartsAt > since && (e.CityId == null || cities.Contains(e.CityId.Value)))
            .ToListAsync(ct);
        items.AddRange(rsvps.Select(Event));

        var staff = await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && StaffRoles.All.Contains(r.Name!)), ct);
        if (staff)
        {
            var sessions = await db.TrainingSessions.AsNoTracking().Include(s => s.Module)
                .Where(s => s.StartsAt > since && (s.CityId == null || cities.Contains(s.CityId.Value)))
                .ToListAsync(ct);
            var events = await db.CommunityEvents.AsNoTracking()
                .Where(e => e.StartsAt > since && (e.CityId == null || cities.Contains(e.CityId.Value)))
                .ToListAsync(ct);
            items.AddRange(sessions.Select(s => Session(s, false)));
            items.AddRange(events.Select(Event));
        }

        return [.. items.DistinctBy(i => i.Uid).OrderBy(i => i.StartsAt)];
    }

    /// <summary>A city's public events and the national public ones, from a month ago on.</summary>
    public async Task<List<Ics.Item>> CityAsync(int cityId, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddDays(-30);
        var events = await db.CommunityEvents.AsNoTracking()
            .Where(e => e.Public && e.StartsAt > since && (e.CityId == null || e.CityId == cityId))
            .OrderBy(e => e.StartsAt)
            .ToListAsync(ct);
        return [.. events.Select(Event)];
    }

    public Ics.Item Session(TrainingSession s, bool waiting) => new(
        $"training-{s.Id:N}@samenhier",
        s.Sequence,
        (waiting ? t["Calendar_WaitingPrefix"].Value + " " : "") + t[$"TrainingModule_{s.Module!.Key}"].Value,
        t["Calendar_TrainingDescription", s.Trainer, t[$"Language_{s.Language}"].Value].Value,
        s.Place,
        s.StartsAt,
        s.EndsAt,
        s.CancelledAt is not null,
        links.Absolute("/mijn-groep/trainingen"),
        waiting);

    public Ics.Item Event(CommunityEvent e) => new(
        $"event-{e.Id:N}@samenhier",
        e.Sequence,
        e.Title,
        string.Join("\n\n", new[] { e.Description, e.Accessibility }.Where(x => !string.IsNullOrWhiteSpace(x))),
        e.Place,
        e.StartsAt,
        e.EndsAt,
        e.CancelledAt is not null,
        links.Absolute("/activiteiten"));

    public string Write(string name, IReadOnlyCollection<Ics.Item> items) => Ics.Write(name, items, time.GetUtcNow());

    private string Address(string token) => links.Absolute($"/agenda/{token}.ics");
}
