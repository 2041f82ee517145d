using Microsoft.AspNetCore.Identity;
using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// Everyone who signs in: staff (password and a second factor) now; group members and newcomers
/// (e-mailed links) with the portals.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    /// <summary>Language of e-mails and pages for this person ("nl" or "en").</summary>
    public string Language { get; set; } = "nl";

    public DateTimeOffset CreatedAt { get; set; }

    public List<StaffCity> Cities { get; set; } = [];

    /// <summary>Community builders: the languages they speak, as comma-separated keys (see <c>SignUpOptions.Languages</c>).</summary>
    public string Languages { get; set; } = "";

    /// <summary>Community builders: how many groups they can take at once.</summary>
    public int GroupCapacity { get; set; }

    /// <summary>When national staff took this account's access away (it is locked and its sessions ended); null while it has access.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The 30-second step of the last authenticator code accepted: that code and older ones no longer work.</summary>
    public long? LastAuthenticatorStep { get; set; }
}

/// <summary>
/// A single-use, short-lived sign-in link e-mailed to a group member (or, later, a newcomer). Only
/// the SHA-256 of its secret is stored.
/// </summary>
public sealed class SignInLink
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>The roles of people who sign in with an e-mailed link: never staff policies (those need a second factor).</summary>
public static class PortalRoles
{
    public const string GroupMember = "GroupMember";

    public const string Newcomer = "Newcomer";

    public static readonly string[] All = [GroupMember, Newcomer];
}

/// <summary>A city a coordinator or community builder works in: the scope of what they see.</summary>
public sealed class StaffCity
{
    public Guid UserId { get; set; }

    public int CityId { get; set; }

    public City? City { get; set; }
}

/// <summary>The staff roles (Identity roles). Group members and newcomers come with the portals.</summary>
public static class StaffRoles
{
    public const string NationalStaff = "NationalStaff";
    public const string Coordinator = "Coordinator";
    public const string CommunityBuilder = "CommunityBuilder";

    public static readonly string[] All = [NationalStaff, Coordinator, CommunityBuilder];
}

/// <summary>Authorization policies; every page and endpoint names one or is explicitly public.</summary>
public static class Policies
{
    /// <summary>A staff member signed in with password and second factor.</summary>
    public const string Staff = "Staff";

    /// <summary>Coordinators and national staff: the people who run groups and see restricted fields.</summary>
    public const string Coordinator = "Coordinator";

    /// <summary>National staff, signed in with both factors.</summary>
    public const string NationalStaff = "NationalStaff";

    /// <summary>A member of a group, signed in by an e-mailed link: their own group only.</summary>
    public const string GroupMember = "GroupMember";

    /// <summary>A newcomer household, signed in by an e-mailed link: their own profile only.</summary>
    public const string Newcomer = "Newcomer";

    /// <summary>Anyone signed in as they should be: a member or newcomer by link, staff with the second factor. Their own things only.</summary>
    public const string SignedIn = "SignedIn";
}
