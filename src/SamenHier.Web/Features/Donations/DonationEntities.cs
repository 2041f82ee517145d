using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Donations;

/// <summary>How often a donation is collected.</summary>
public enum Frequency
{
    Once,
    Monthly,
    Quarterly,
    Yearly,
}

/// <summary>How a donation is paid. Card and iDEAL go through a payment provider later: a new method here, and its own page after the form.</summary>
public enum PaymentMethod
{
    DirectDebit,
}

public enum DonationStatus
{
    /// <summary>Collected when due.</summary>
    Active,

    /// <summary>Stopped by the donor (or staff): nothing more is collected.</summary>
    Stopped,

    /// <summary>A one-off donation that has been collected.</summary>
    Completed,

    /// <summary>Given on the form, not yet confirmed from the link in the donor's e-mail: never collected.</summary>
    Pending,
}

/// <summary>
/// A donation agreed by a donor: an amount, how often, optionally for one city, paid by SEPA direct
/// debit under a mandate the donor signed on the form. The mandate's id is unique and never reused.
/// </summary>
public sealed class Donation
{
    public Guid Id { get; set; }

    public required string DonorName { get; set; }

    public required string DonorEmail { get; set; }

    /// <summary>The language the donor used; their e-mails are in it (Dutch or English).</summary>
    public required string Language { get; set; }

    /// <summary>In euro cents.</summary>
    public long AmountCents { get; set; }

    public Frequency Frequency { get; set; }

    public PaymentMethod Method { get; set; } = PaymentMethod.DirectDebit;

    /// <summary>Earmarked for this city's work; null for the programme as a whole.</summary>
    public int? CityId { get; set; }

    public City? City { get; set; }

    public DonationStatus Status { get; set; }

    /// <summary>The account holder as the donor typed it (the debtor's name in the collection file).</summary>
    public required string AccountHolder { get; set; }

    /// <summary>Capitals, no spaces (see <see cref="Iban.Normalise"/>).</summary>
    public required string Iban { get; set; }

    /// <summary>The mandate reference (e.g. SH-2026-000042), unique, shown to the donor and sent to the bank.</summary>
    public required string MandateId { get; set; }

    /// <summary>The day the donor signed the mandate on the form.</summary>
    public DateOnly MandateSignedOn { get; set; }

    /// <summary>The first day the donation may be collected, then the next collection's.</summary>
    public DateOnly NextCollectionOn { get; set; }

    /// <summary>The day the schedule counts from: collections fall on it and every period after it (a 31st stays the month's last day, not the 28th for ever).</summary>
    public DateOnly ScheduleAnchor { get; set; }

    /// <summary>When the donor confirmed the gift from the link in their e-mail.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>When the bank's answer stopped the gift: its reason code (e.g. AC04, account closed); null when the donor or staff stopped it.</summary>
    public string? StopReason { get; set; }

    /// <summary>
    /// The account the mandate was on before the donor moved it (from their link): the next collection
    /// carries the SEPA amendment (the old IBAN at the same bank, or SMNDA and a first collection at
    /// another bank), then it is cleared.
    /// </summary>
    public string? AmendedFromIban { get; set; }

    /// <summary>The SHA-256 of the secret in the donor's link to change or stop it (the secret itself is only in their e-mail).</summary>
    public required string ManageTokenHash { get; set; }

    /// <summary>Changes with every save: two changes at once cannot overwrite each other.</summary>
    public Guid Version { get; set; }

    public List<Collection> Collections { get; set; } = [];
}

/// <summary>The SEPA sequence type of a collection.</summary>
public enum SequenceType
{
    /// <summary>OOFF: a one-off collection.</summary>
    OneOff,

    /// <summary>FRST: the first collection under a recurring mandate.</summary>
    First,

    /// <summary>RCUR: a later collection under a recurring mandate.</summary>
    Recurring,
}

/// <summary>One amount to collect from one donation, in one collection run.</summary>
public sealed class Collection
{
    public Guid Id { get; set; }

    public Guid DonationId { get; set; }

    public Donation? Donation { get; set; }

    public Guid RunId { get; set; }

    public CollectionRun? Run { get; set; }

    public long AmountCents { get; set; }

    public SequenceType Sequence { get; set; }

    public DateOnly CollectionDate { get; set; }

    /// <summary>The donation's due date this collection settles: unique per donation, so no period is collected twice.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>The end-to-end reference the bank returns with a failed or reversed collection.</summary>
    public required string EndToEndId { get; set; }

    /// <summary>The donation's account before an amendment this collection carried (put back if the file is cancelled).</summary>
    public string? AmendedFromIban { get; set; }

    /// <summary>When the bank refused or returned this collection (its booking day, or the day the answer was read): the money did not come, or went back.</summary>
    public DateOnly? FailedOn { get; set; }

    /// <summary>The bank's ISO 20022 reason code (AM04, MD06, …) for a failed collection.</summary>
    public string? FailureCode { get; set; }

    /// <summary>Whether the bank refused it before the collection date (pain.002) or returned it afterwards (camt.053/054).</summary>
    public CollectionFailure? Failure { get; set; }
}

/// <summary>How a collection failed.</summary>
public enum CollectionFailure
{
    /// <summary>Refused before settlement: reported in a payment status report (pain.002).</summary>
    Rejected,

    /// <summary>Returned or refunded after settlement: reported on the account statement (camt.053/054).</summary>
    Returned,
}

/// <summary>A collection file made for the bank: when, by whom, for which day, and the file itself.</summary>
public sealed class CollectionRun
{
    public Guid Id { get; set; }

    /// <summary>The file's message id (GrpHdr/MsgId), unique.</summary>
    public required string MessageId { get; set; }

    public DateOnly CollectionDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public int Count { get; set; }

    public long TotalCents { get; set; }

    /// <summary>The pain.008.001.02 file, as it was handed to the bank.</summary>
    public required string Xml { get; set; }

    /// <summary>When staff cancelled the file before its collection date (its collections are gone, the gifts due again).</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelledBy { get; set; }

    public List<Collection> Collections { get; set; } = [];
}
