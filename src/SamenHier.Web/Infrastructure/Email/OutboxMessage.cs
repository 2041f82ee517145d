namespace SamenHier.Web.Infrastructure.Email;

/// <summary>
/// An e-mail waiting to be sent. Written in the same transaction as the change that causes it,
/// delivered by <see cref="OutboxSender"/>.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public required string ToAddress { get; set; }

    public required string ToName { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public required string Language { get; set; }

    /// <summary>What the message is about (for example "group:{id}"), so erasure can find it. No personal data.</summary>
    public string? Reference { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A sender that claimed the message holds it until then; another instance leaves it alone.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when the server refused the message for good (for example an unknown address); not retried.</summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    /// <summary>The last failure's kind and message, without the recipient.</summary>
    public string? LastError { get; set; }
}
