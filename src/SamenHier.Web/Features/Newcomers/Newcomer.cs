using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Infrastructure.Security;

namespace SamenHier.Web.Features.Newcomers;

/// <summary>
/// A newcomer household waiting for a group. Sensitive by nature; the restricted fields (health and
/// accessibility needs, asylum background) are for coordinators and national staff only, and carry
/// the legal basis under which they are kept.
/// </summary>
public sealed class NewcomerHousehold
{
    public Guid Id { get; set; }

    /// <summary>Resettlement: the municipality that will house them; welcome: where they live.</summary>
    public int CityId { get; set; }

    public City? City { get; set; }

    public NewcomerRoute Route { get; set; }

    /// <summary>How the household is addressed in the back office (a family name or first names).</summary>
    public required string Label { get; set; }

    /// <summary>Language key to contact them in (see <c>SignUpOptions.Languages</c>).</summary>
    public required string ContactLanguage { get; set; }

    /// <summary>
    /// An address the household reads, for signing in to their own page by an e-mailed link
    /// (lower case). Optional: many newcomers are reached through the community builder.
    /// </summary>
    public string? ContactEmail { get; set; }

    /// <summary>The account the household signs in with (made when a link is first sent).</summary>
    public Guid? UserId { get; set; }

    /// <summary>Resettlement: where they are now (for example a country or camp).</summary>
    public string? CurrentLocation { get; set; }

    public DateOnly? ExpectedArrival { get; set; }

    /// <summary>Resettlement: the address once known.</summary>
    public string? HousingAddress { get; set; }

    /// <summary>Welcome: living in the municipality since.</summary>
    public DateOnly? LivingSince { get; set; }

    /// <summary>Restricted; encrypted in the database (see <see cref="RestrictedData"/>).</summary>
    public SealedText? HealthAndAccessibility { get; set; }

    /// <summary>
    /// Restricted (with <see cref="HealthAndAccessibility"/>): accessibility the household needs, as
    /// comma-separated keys of <c>GroupOffer.AccessibilityKeys</c>, for the matching's hard rule;
    /// encrypted, null when none.
    /// </summary>
    public SealedText? AccessibilityNeeds { get; set; }

    /// <summary>What describes the household, as keys of <c>GroupOffer.PreferenceKeys</c> (not restricted).</summary>
    public string Traits { get; set; } = "";

    /// <summary>What the household hopes for in a group, as keys of <c>GroupOffer.PreferenceKeys</c> (not restricted).</summary>
    public string Wishes { get; set; } = "";

    /// <summary>Restricted; encrypted in the database.</summary>
    public SealedText? AsylumBackground { get; set; }

    /// <summary>Why the household's and its people's other details may be kept (article 6); recorded per household, never assumed.</summary>
    public ProcessingBasis DetailsLegalBasis { get; set; }

    /// <summary>When <see cref="DetailsLegalBasis"/> was last recorded or changed.</summary>
    public DateTimeOffset? DetailsLegalBasisAt { get; set; }

    /// <summary>Why the restricted fields may be kept; recorded, never assumed to be consent.</summary>
    public LegalBasis RestrictedLegalBasis { get; set; }

    public DateTimeOffset? RestrictedConsentAt { get; set; }

    public NewcomerStatus Status { get; set; }

    /// <summary>When staff recorded that the household left the programme without a group (moved away, found other help); its retention period counts from it.</summary>
    public DateTimeOffset? LeftAt { get; set; }

    /// <summary>
    /// When the household agreed that its group may see its profile (names, ages, languages, goals,
    /// interests; never the restricted fields). Until then the group only knows it was matched.
    /// </summary>
    public DateTimeOffset? ProfileConsentAt { get; set; }

    /// <summary>Who recorded the consent: the household itself in its portal, or the staff member it told.</summary>
    public string? ProfileConsentBy { get; set; }

    /// <summary>The exact words agreed to (in the household's portal language, or its contact language when staff recorded it).</summary>
    public int? ProfileConsentTextId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>When the household's personal data was erased (on request or after the retention period); the row stays for the counts.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<NewcomerPerson> People { get; set; } = [];
}

public sealed class NewcomerPerson
{
    public int Id { get; set; }

    public Guid HouseholdId { get; set; }

    public required string FirstName { get; set; }

    public int BirthYear { get; set; }

    /// <summary>"ar:native,en:basic" — language keys with levels.</summary>
    public string Languages { get; set; } = "";

    public string? Education { get; set; }

    public string? WorkExperience { get; set; }

    public string? Goals { get; set; }

    /// <summary>The sectors of this person's work or study goals (keys of <c>SignUpOptions.Sectors</c>), for matching.</summary>
    public string GoalSectors { get; set; } = "";

    public string? Interests { get; set; }
}

public enum NewcomerRoute
{
    /// <summary>Coming from a camp abroad through UNHCR and COA: a sponsor group.</summary>
    Resettlement = 1,

    /// <summary>Already in the Netherlands and new in town: a welcome group.</summary>
    Welcome = 2,
}

public enum NewcomerStatus
{
    Waiting = 0,
    Matched = 1,
    Left = 2,
}

/// <summary>The GDPR basis for processing personal data (article 6(1)); NotRecorded until staff choose one.</summary>
public enum ProcessingBasis
{
    NotRecorded = 0,
    Consent = 1,
    Contract = 2,
    LegalObligation = 3,
    VitalInterests = 4,
    PublicTask = 5,
    LegitimateInterests = 6,
}

/// <summary>The GDPR basis for keeping special-category data (article 9).</summary>
public enum LegalBasis
{
    None = 0,
    ExplicitConsent = 1,
    VitalInterests = 2,
    SubstantialPublicInterest = 3,
}

/// <summary>Encrypts restricted values written before their columns were encrypted.</summary>
public static class NewcomerSealing
{
    /// <summary>Seals any plain-text restricted value left from before encryption; returns how many households changed.</summary>
    public static async Task<int> SealLegacyAsync(Data.AppDbContext db, RestrictedData restricted, CancellationToken ct)
    {
        // Only rows holding plain text are read (an encrypted value starts with RestrictedData.Prefix).
        var legacy = await db.NewcomerHouseholds
            .FromSqlRaw("""
                SELECT * FROM "NewcomerHouseholds"
                WHERE ("HealthAndAccessibility" <> '' AND "HealthAndAccessibility" NOT LIKE 'dp1:%')
                   OR ("AccessibilityNeeds" <> '' AND "AccessibilityNeeds" NOT LIKE 'dp1:%')
                   OR ("AsylumBackground" <> '' AND "AsylumBackground" NOT LIKE 'dp1:%')
                """)
            .ToListAsync(ct);
        foreach (var h in legacy)
        {
            h.HealthAndAccessibility = Reseal(nameof(NewcomerHousehold.HealthAndAccessibility), h.HealthAndAccessibility);
            h.AccessibilityNeeds = Reseal(nameof(NewcomerHousehold.AccessibilityNeeds), h.AccessibilityNeeds);
            h.AsylumBackground = Reseal(nameof(NewcomerHousehold.AsylumBackground), h.AsylumBackground);
        }

        await db.SaveChangesAsync(ct);
        return legacy.Count;

        SealedText? Reseal(string field, SealedText? value) =>
            RestrictedData.IsLegacy(value) ? restricted.Seal(field, value!.Stored) : value;
    }
}
