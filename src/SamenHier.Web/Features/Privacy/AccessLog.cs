namespace SamenHier.Web.Features.Privacy;

/// <summary>
/// Who looked at a record with restricted fields, or downloaded someone's data, and when: the fields'
/// names, never their values. Like the audit log of changes it is only ever added to (on PostgreSQL
/// the database refuses changes and deletions, see <c>docs/privacy.md</c>).
/// </summary>
public sealed class AccessLogEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ByUserId { get; set; }

    public required string ByName { get; set; }

    /// <summary>"Viewed" (a page showed restricted fields) or "Downloaded" (a person's data, as a file).</summary>
    public required string Action { get; set; }

    /// <summary>The kind of record: "newcomer" or "member".</summary>
    public required string Subject { get; set; }

    public required string SubjectId { get; set; }

    /// <summary>The restricted fields that were shown, comma-separated.</summary>
    public string? Fields { get; set; }
}

public static class AccessLog
{
    public const string Viewed = "Viewed";
    public const string Downloaded = "Downloaded";

    /// <summary>Adds an entry to the context (saved with its next SaveChanges).</summary>
    public static void Record(Data.AppDbContext db, TimeProvider time, Guid? byUserId, string byName, string action, string subject, string subjectId, IEnumerable<string>? fields = null) =>
        db.AccessLog.Add(new AccessLogEntry
        {
            At = time.GetUtcNow(),
            ByUserId = byUserId,
            ByName = byName,
            Action = action,
            Subject = subject,
            SubjectId = subjectId,
            Fields = fields is null ? null : string.Join(',', fields),
        });
}
