namespace SamenHier.Web.Features.Backoffice;

/// <summary>Every export of personal data from the back office: who, when, what, with which filter, how many rows.</summary>
public sealed class ExportLog
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid ByUserId { get; set; }

    public required string ByName { get; set; }

    public required string What { get; set; }

    public string? Filter { get; set; }

    public int Rows { get; set; }

    /// <summary>Adds the record of an export by this person to the context (saved with its next SaveChanges).</summary>
    public static void Record(Data.AppDbContext db, TimeProvider time, Accounts.AppUser by, string what, string filter, int rows) =>
        db.ExportLogs.Add(new ExportLog
        {
            At = time.GetUtcNow(),
            ByUserId = by.Id,
            ByName = by.DisplayName,
            What = what,
            Filter = filter,
            Rows = rows,
        });
}
