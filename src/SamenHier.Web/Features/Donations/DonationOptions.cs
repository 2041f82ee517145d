namespace SamenHier.Web.Features.Donations;

/// <summary>
/// The settings of donations (section <c>Donations</c>): who collects — the programme's name,
/// account, bank and SEPA creditor identifier (from its bank, on the Dutch register of creditors) —
/// how many business days a collection file must be made before its date, and the ANBI number
/// printed on the yearly statements.
/// </summary>
public sealed class DonationOptions
{
    public const string Section = "Donations";

    public string CreditorName { get; set; } = "";

    public string CreditorIban { get; set; } = "";

    public string CreditorBic { get; set; } = "";

    public string CreditorId { get; set; } = "";

    /// <summary>Business days between making a collection file and its collection date (the bank's cut-off; one for SEPA Core, two to be safe).</summary>
    public int LeadBusinessDays { get; set; } = 2;

    /// <summary>The smallest amount a donor may give, in euros.</summary>
    public int MinimumEuros { get; set; } = 2;

    /// <summary>The largest amount accepted through the form, in euros (larger gifts are made with staff).</summary>
    public int MaximumEuros { get; set; } = 10_000;

    /// <summary>The programme's RSIN (fiscal number), shown on yearly statements for the ANBI gift deduction.</summary>
    public string Rsin { get; set; } = "";

    public Creditor Creditor => new(CreditorName, CreditorIban, CreditorBic, CreditorId);

    /// <summary>Whether collection files can be made: a name, a valid IBAN and creditor identifier, and a BIC.</summary>
    public bool CanCollect =>
        !string.IsNullOrWhiteSpace(CreditorName) && Iban.IsValid(CreditorIban) && Iban.IsCreditorId(CreditorId)
        && CreditorBic.Trim().Length is 8 or 11;
}
