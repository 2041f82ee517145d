using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.Trainings;

/// <summary>
/// A training module: for which group type (or both), whether it is required before matching, and
/// for whom — every member, or at least <see cref="MinimumMembers"/> members of the group. Its name
/// and description are resource texts (<c>TrainingModule_{Key}</c>).
/// </summary>
public sealed class TrainingModule
{
    public int Id { get; set; }

    public required string Key { get; set; }

    /// <summary>Null: for both sponsor and welcome groups.</summary>
    public GroupType? GroupType { get; set; }

    public bool Required { get; set; }

    /// <summary>Null: every member must attend; else at least this many members of the group.</summary>
    public int? MinimumMembers { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>One session of a module: when (stored as an instant, shown in Europe/Amsterdam), where, how many, in which language, by whom.</summary>
public sealed class TrainingSession
{
    public Guid Id { get; set; }

    public int ModuleId { get; set; }

    public TrainingModule? Module { get; set; }

    /// <summary>The city it is for; null for an online session open to every city.</summary>
    public int? CityId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>The address, or the online link.</summary>
    public required string Place { get; set; }

    public bool Online { get; set; }

    public int Capacity { get; set; }

    public required string Language { get; set; }

    public required string Trainer { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>iCalendar SEQUENCE: one up with each change of time or place, so calendars take the change.</summary>
    public int Sequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<TrainingRegistration> Registrations { get; set; } = [];
}

public enum RegistrationStatus
{
    /// <summary>Has a place.</summary>
    Registered,

    /// <summary>On the waiting list; promoted in order when a place frees up.</summary>
    Waiting,

    Cancelled,
}

/// <summary>A member's registration for a session, and whether they attended.</summary>
public sealed class TrainingRegistration
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid MemberId { get; set; }

    public GroupMember? Member { get; set; }

    public RegistrationStatus Status { get; set; }

    /// <summary>When they (last) registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The order of registering within the session (taken under the session's lock): the waiting list's order.</summary>
    public int Position { get; set; }

    public DateTimeOffset? PromotedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Recorded by the coordinator after the session; null until then.</summary>
    public bool? Attended { get; set; }
}

public static class TrainingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<TrainingModule>(e =>
        {
            e.Property(x => x.Key).HasMaxLength(40);
            e.HasIndex(x => x.Key).IsUnique();
        });

        builder.Entity<TrainingSession>(e =>
        {
            e.Property(x => x.Place).HasMaxLength(Limits.Link);
            e.Property(x => x.Language).HasMaxLength(10);
            e.Property(x => x.Trainer).HasMaxLength(Limits.Name);
            e.Property(x => x.CreatedBy).HasMaxLength(Limits.Name);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne(x => x.Module).WithMany().HasForeignKey(x => x.ModuleId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Registrations).WithOne().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CityId, x.StartsAt });
        });

        builder.Entity<TrainingRegistration>(e =>
        {
            e.HasOne(x => x.Member).WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
            // One registration per member and session; cancelling and registering again reuses it.
            e.HasIndex(x => new { x.SessionId, x.MemberId }).IsUnique();
            e.HasIndex(x => new { x.SessionId, x.Status, x.Position });
        });
    }

    /// <summary>The programme's modules (DOMAIN.md): inserted when missing, never overwriting what staff changed.</summary>
    public static readonly IReadOnlyList<TrainingModule> Standard =
    [
        new() { Key = "start", GroupType = null, Required = true, MinimumMembers = null, SortOrder = 1 },
        new() { Key = "first-weeks", GroupType = GroupType.Sponsor, Required = true, MinimumMembers = 2, SortOrder = 2 },
        new() { Key = "intercultural", GroupType = null, Required = true, MinimumMembers = 2, SortOrder = 3 },
        new() { Key = "trauma", GroupType = null, Required = false, MinimumMembers = null, SortOrder = 4 },
        new() { Key = "boundaries", GroupType = null, Required = true, MinimumMembers = 1, SortOrder = 5 },
    ];

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.TrainingModules.Select(m => m.Key).ToListAsync(ct);
        foreach (var module in Standard.Where(m => !existing.Contains(m.Key)))
        {
            db.TrainingModules.Add(new TrainingModule
            {
                Key = module.Key,
                GroupType = module.GroupType,
                Required = module.Required,
                MinimumMembers = module.MinimumMembers,
                SortOrder = module.SortOrder,
            });
        }

        await db.SaveChangesAsync(ct);
    }
}
