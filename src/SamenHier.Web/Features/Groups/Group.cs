using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Groups;

/// <summary>A group of residents, from sign-up onwards. The back office (issue 3) takes it further.</summary>
public sealed class Group
{
    public Guid Id { get; set; }

    public int CityId { get; set; }

    public City? City { get; set; }

    public GroupType Type { get; set; }

    public string? Name { get; set; }

    public string? Motivation { get; set; }

    public GroupStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a sign-up that is not complete by then expires and its personal data is deleted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Identifies one submission of the sign-up form, so a double click or retry creates one group.</summary>
    public Guid SubmissionKey { get; set; }

    /// <summary>SHA-256 of the secret in the status-page link sent to the person who signed up.</summary>
    public string? StatusTokenHash { get; set; }

    public List<GroupMember> Members { get; set; } = [];
}

public enum GroupStatus
{
    /// <summary>Submitted; waiting for every member to confirm.</summary>
    AwaitingConfirmation = 0,

    /// <summary>All members confirmed; ready for intake.</summary>
    Complete = 1,

    /// <summary>Not complete in time; personal data deleted.</summary>
    Expired = 2,
}
