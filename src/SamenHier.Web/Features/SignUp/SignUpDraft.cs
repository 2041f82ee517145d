namespace SamenHier.Web.Features.SignUp;

/// <summary>
/// What a visitor has typed so far in the multi-step sign-up, kept on the server (not in the URL) and
/// keyed by a random id in a cookie, so no step loses anything and the journey works without JavaScript.
/// </summary>
public sealed class SignUpDraft
{
    public Guid Id { get; set; }

    public required string Data { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
