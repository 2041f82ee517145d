namespace SamenHier.Web.Features.Groups;

/// <summary>One resident in a group, as signed up. Personal data: deleted when the sign-up expires.</summary>
public sealed class GroupMember
{
    public Guid Id { get; set; }

    public Guid GroupId { get; set; }

    public Group? Group { get; set; }

    /// <summary>The person who filled in the sign-up.</summary>
    public bool IsContactPerson { get; set; }

    public int Position { get; set; }

    public required string Name { get; set; }

    /// <summary>The account this member signs in to the group's page with (made on the first link request).</summary>
    public Guid? UserId { get; set; }

    public required string Email { get; set; }

    /// <summary>
    /// Lower-cased e-mail while the group is active, null once it is not: a unique index on it means
    /// no e-mail address can be in two active groups.
    /// </summary>
    public string? ActiveEmail { get; set; }

    /// <summary>E.164, for example +31612345678.</summary>
    public required string Phone { get; set; }

    /// <summary>Dutch postcode as "1234 AB", or null when a municipality is given instead.</summary>
    public string? Postcode { get; set; }

    public string? Municipality { get; set; }

    public DateOnly DateOfBirth { get; set; }

    /// <summary>Language of the e-mails and pages for this member ("nl" or "en").</summary>
    public required string PreferredLanguage { get; set; }

    public List<MemberLanguage> Languages { get; set; } = [];

    public string? Occupation { get; set; }

    /// <summary>Sector keys, comma separated (see <c>SignUpOptions.Sectors</c>).</summary>
    public string NetworkSectors { get; set; } = "";

    public string? Interests { get; set; }

    /// <summary>Availability keys, comma separated (see <c>SignUpOptions.Availability</c>).</summary>
    public string Availability { get; set; } = "";

    public string? ConsentVersion { get; set; }

    public DateTimeOffset? ConsentAt { get; set; }

    /// <summary>The exact words agreed to at <see cref="ConsentAt"/> (the box and the privacy statement, in the language read).</summary>
    public int? ConsentTextId { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>After the year, the member stays involved as an alumnus who may mentor new groups.</summary>
    public DateTimeOffset? AlumnusSince { get; set; }

    /// <summary>
    /// When the member left a running group (withdrew their consent); their personal data is erased at
    /// the same moment and they no longer count for the group's readiness, trainings or tasks.
    /// </summary>
    public DateTimeOffset? LeftAt { get; set; }

    /// <summary>Still in the group (not left).</summary>
    public bool Present => LeftAt is null;

    /// <summary>When this member's personal data was erased (on request or after the retention period); the row stays for the counts.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>When the certificate of conduct (VOG) was checked. Only the fact is kept, never the document.</summary>
    public DateOnly? VogCheckedOn { get; set; }

    public string? VogCheckedBy { get; set; }

    public VogOutcome VogOutcome { get; set; }

    /// <summary>SHA-256 of the secret in this member's confirmation link; null once used.</summary>
    public string? ConfirmTokenHash { get; set; }

    public DateTimeOffset? ConfirmTokenExpiresAt { get; set; }
}

public sealed class MemberLanguage
{
    public int Id { get; set; }

    public Guid MemberId { get; set; }

    /// <summary>Key from <c>SignUpOptions.Languages</c>, for example "nl" or "ar".</summary>
    public required string Language { get; set; }

    /// <summary>Key from <c>SignUpOptions.LanguageLevels</c>.</summary>
    public required string Level { get; set; }
}

/// <summary>The outcome of a VOG check. Restricted: coordinators and national staff only.</summary>
public enum VogOutcome
{
    NotChecked = 0,
    Cleared = 1,
    NotCleared = 2,
}
