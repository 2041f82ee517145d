using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Localization;

namespace SamenHier.Web.Infrastructure.Email;

/// <summary>
/// Puts e-mails in the outbox as part of the caller's unit of work: they are committed by the same
/// SaveChanges as the change that causes them, or not at all.
/// </summary>
public sealed class EmailOutbox(AppDbContext db, TimeProvider time, OutboxSignal signal)
{
    /// <summary>Adds a message whose subject and body are composed in <paramref name="language"/>.</summary>
    public void Add(string toAddress, string toName, string language, string? reference, Func<(string Subject, string Body)> compose)
    {
        var culture = LocalizationSetup.Normalize(language);
        var (subject, body) = LocalizationSetup.In(culture, compose);
        var now = time.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            ToAddress = toAddress,
            ToName = toName,
            Language = culture,
            Subject = subject,
            TextBody = body,
            Reference = reference,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>Call after SaveChanges so the sender picks the new messages up at once.</summary>
    public void Wake() => signal.Notify();
}
