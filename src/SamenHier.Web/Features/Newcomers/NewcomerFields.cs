using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Newcomers;

/// <summary>
/// Which fields of a newcomer household each role gets: the one place that decides it, used by every
/// page that shows a household. When unsure, show less.
/// </summary>
public static class NewcomerFields
{
    public const string Label = nameof(NewcomerHousehold.Label);
    public const string ContactEmail = nameof(NewcomerHousehold.ContactEmail);
    public const string City = nameof(NewcomerHousehold.City);
    public const string Route = nameof(NewcomerHousehold.Route);
    public const string ContactLanguage = nameof(NewcomerHousehold.ContactLanguage);
    public const string CurrentLocation = nameof(NewcomerHousehold.CurrentLocation);
    public const string ExpectedArrival = nameof(NewcomerHousehold.ExpectedArrival);
    public const string HousingAddress = nameof(NewcomerHousehold.HousingAddress);
    public const string LivingSince = nameof(NewcomerHousehold.LivingSince);
    public const string People = nameof(NewcomerHousehold.People);
    public const string HealthAndAccessibility = nameof(NewcomerHousehold.HealthAndAccessibility);
    public const string AsylumBackground = nameof(NewcomerHousehold.AsylumBackground);
    public const string RestrictedLegalBasis = nameof(NewcomerHousehold.RestrictedLegalBasis);
    public const string DetailsLegalBasis = nameof(NewcomerHousehold.DetailsLegalBasis);

    private static readonly string[] Everything =
        [Label, City, Route, ContactLanguage, ContactEmail, CurrentLocation, ExpectedArrival, HousingAddress, LivingSince, People, DetailsLegalBasis, HealthAndAccessibility, AsylumBackground, RestrictedLegalBasis];

    private static readonly string[] NotRestricted =
        [Label, City, Route, ContactLanguage, ContactEmail, CurrentLocation, ExpectedArrival, HousingAddress, LivingSince, People, DetailsLegalBasis];

    /// <summary>
    /// The fields <paramref name="role"/> may see. A newcomer sees their own household without the
    /// restricted fields (an address may be shared; they can ask the coordinator for those). Group
    /// members get only what the newcomer shares (with the portals).
    /// </summary>
    public static IReadOnlySet<string> For(string role) => role switch
    {
        StaffRoles.NationalStaff or StaffRoles.Coordinator => Everything.ToHashSet(),
        StaffRoles.CommunityBuilder or PortalRoles.Newcomer => NotRestricted.ToHashSet(),
        _ => new HashSet<string>(),
    };

    public static bool IsRestricted(string field) => field is HealthAndAccessibility or AsylumBackground or RestrictedLegalBasis;
}
