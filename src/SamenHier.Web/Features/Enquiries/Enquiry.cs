using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Enquiries;

/// <summary>What someone wrote to the programme about.</summary>
public enum EnquiryKind
{
    /// <summary>An offer of help for a city: advice, network, a space or an activity (routed to that city's coordinators).</summary>
    Offer,

    /// <summary>A question about leaving a legacy (national staff).</summary>
    Legacy,

    /// <summary>A request to start the programme in a town (national staff).</summary>
    StartInTown,

    /// <summary>A question through the contact form (national staff).</summary>
    Contact,
}

public enum OfferKind
{
    Advice,
    Network,
    Space,
    Activity,
}

/// <summary>Who asks to start the programme in a town.</summary>
public enum RequesterKind
{
    Municipality,
    Organisation,
    Resident,
}

/// <summary>Where an enquiry stands. Offers go new → contacted → used or declined; the others new → contacted → answered.</summary>
public enum EnquiryStatus
{
    New,
    Contacted,
    Used,
    Declined,
    Answered,
}

/// <summary>
/// Everything that arrives from the public site besides sign-ups and gifts, in one list: offers of
/// help, legacy questions, requests to start in a town and contact questions, each followed up
/// with a status and a note by the staff it is routed to.
/// </summary>
public sealed class Enquiry
{
    public Guid Id { get; set; }

    public EnquiryKind Kind { get; set; }

    public EnquiryStatus Status { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>The organisation or municipality they write for, if any.</summary>
    public string? Organisation { get; set; }

    /// <summary>For an offer: the city it is for (its coordinators see it).</summary>
    public int? CityId { get; set; }

    public City? City { get; set; }

    public OfferKind? Offer { get; set; }

    /// <summary>For a space: where it is.</summary>
    public string? SpacePlace { get; set; }

    /// <summary>For a space: how many people fit.</summary>
    public int? SpaceCapacity { get; set; }

    /// <summary>For a space: whether it can be reached in a wheelchair, as they said it.</summary>
    public string? SpaceAccessibility { get; set; }

    /// <summary>For a request to start: the town, as typed.</summary>
    public string? Town { get; set; }

    public RequesterKind? Requester { get; set; }

    /// <summary>For a contact question: its subject.</summary>
    public string? Subject { get; set; }

    public string? Message { get; set; }

    /// <summary>The language they wrote in; replies go in it.</summary>
    public required string Language { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string? StaffNote { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>Changes with every save: two people updating it at once cannot overwrite each other.</summary>
    public Guid Version { get; set; }

    /// <summary>The statuses this kind of enquiry goes through, in order.</summary>
    public static IReadOnlyList<EnquiryStatus> StatusesFor(EnquiryKind kind) => kind == EnquiryKind.Offer
        ? [EnquiryStatus.New, EnquiryStatus.Contacted, EnquiryStatus.Used, EnquiryStatus.Declined]
        : [EnquiryStatus.New, EnquiryStatus.Contacted, EnquiryStatus.Answered];
}
