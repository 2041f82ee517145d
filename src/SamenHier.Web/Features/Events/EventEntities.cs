using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Events;

/// <summary>
/// A community event of a city (or national, for every city): open to groups, newcomers and
/// community builders, who answer for their household (how many people come). Times are stored as
/// instants and shown in Europe/Amsterdam.
/// </summary>
public sealed class CommunityEvent
{
    public Guid Id { get; set; }

    /// <summary>Null: a national event, open to people of every city.</summary>
    public int? CityId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>The address, or the online link.</summary>
    public required string Place { get; set; }

    public bool Online { get; set; }

    /// <summary>How many people can come in all; null: no limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>The languages spoken at the event, comma-separated keys (see <c>SignUpOptions.Languages</c>).</summary>
    public string Languages { get; set; } = "";

    /// <summary>Step-free access, toilets, hearing loop, childcare…: what someone needs to know to come.</summary>
    public string? Accessibility { get; set; }

    /// <summary>Shown on the public site and in the city's public calendar.</summary>
    public bool Public { get; set; }

    /// <summary>The events made together as a weekly series share this.</summary>
    public Guid? SeriesId { get; set; }

    /// <summary>iCalendar SEQUENCE: one up with each change of time or place, so calendars take the change.</summary>
    public int Sequence { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<EventRsvp> Rsvps { get; set; } = [];
}

/// <summary>A person's answer for their household: how many people come. Cancelled answers stay, with <see cref="CancelledAt"/>.</summary>
public sealed class EventRsvp
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public Guid UserId { get; set; }

    public int People { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }
}

public static class EventModel
{
    /// <summary>A household answers for at most this many people.</summary>
    public const int MaxPeople = 12;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CommunityEvent>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Description).HasMaxLength(Limits.Note);
            e.Property(x => x.Place).HasMaxLength(Limits.Link);
            e.Property(x => x.Languages).HasMaxLength(200);
            e.Property(x => x.Accessibility).HasMaxLength(Limits.Note);
            e.Property(x => x.CreatedBy).HasMaxLength(Limits.Name);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Rsvps).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CityId, x.StartsAt });
        });

        builder.Entity<EventRsvp>(e =>
        {
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.EventId, x.UserId }).IsUnique();
            e.HasIndex(x => x.UserId);
        });
    }
}
