using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Backoffice;

/// <summary>
/// A change to a record outside a group's own history (newcomers, cities, community builders):
/// who, when, what and which fields. Field names only, never values, so the audit trail holds no
/// restricted data. Never changed afterwards.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ByUserId { get; set; }

    public required string ByName { get; set; }

    /// <summary>The kind of record: "newcomer", "city" or "staff".</summary>
    public required string Subject { get; set; }

    public required string SubjectId { get; set; }

    /// <summary>What happened: "Created", "Changed", "ProfileChanged".</summary>
    public required string Kind { get; set; }

    /// <summary>The names of the fields that changed, comma-separated.</summary>
    public string? Fields { get; set; }
}

/// <summary>Adds audit events to the context; they are saved with the change they describe.</summary>
public static class Audit
{
    public static void Record(AppDbContext db, TimeProvider time, Guid? byUserId, string byName, string subject, string subjectId, string kind, IEnumerable<string>? fields = null)
    {
        var changed = fields?.ToList();
        db.Add(new AuditEvent
        {
            At = time.GetUtcNow(),
            ByUserId = byUserId,
            ByName = byName,
            Subject = subject,
            SubjectId = subjectId,
            Kind = kind,
            Fields = changed is { Count: > 0 } ? string.Join(',', changed) : null,
        });
    }

    /// <summary>The names of the properties EF Core saw change on tracked entries of type <typeparamref name="T"/>.</summary>
    public static IReadOnlyList<string> ChangedFields<T>(AppDbContext db)
        where T : class =>
        [.. db.ChangeTracker.Entries<T>()
            .SelectMany(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Modified
                ? e.Properties.Where(p => p.IsModified && p.Metadata.Name != "ConcurrencyStamp").Select(p => p.Metadata.Name)
                : [])
            .Distinct()];

    /// <summary>
    /// "Changed by Anna at 14:02 (fields: …)": the other person's change, for a conflict message.
    /// Empty when nothing was recorded.
    /// </summary>
    public static async Task<string> LatestChangeAsync(AppDbContext db, IStringLocalizer<SharedResource> t, string subject, string subjectId, CancellationToken ct)
    {
        var latest = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Subject == subject && a.SubjectId == subjectId)
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return "";
        }

        var fields = string.Join(", ", (latest.Fields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => t[$"AuditField_{f}"].Value));
        return t["Conflict_ChangedBy", latest.ByName, latest.At.ToNetherlands().ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.CurrentCulture), fields].Value;
    }
}
