namespace SamenHier.Web.Features.Contact;

/// <summary>A question sent through the public contact form.</summary>
public sealed class ContactMessage
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public required string Subject { get; set; }

    public required string Message { get; set; }

    public required string Language { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
