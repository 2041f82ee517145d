using System.Text.RegularExpressions;

namespace SamenHier.Web.Features.Donations;

/// <summary>
/// The settings of donations (section <c>Donations</c>): who collects — the programme's name,
/// account, bank and SEPA creditor identifier (from its bank, on the Dutch register of creditors) —
/// how many business days a collection file must be made before its date, and the ANBI number
/// printed on the yearly statements.
/// </summary>
public sealed partial class DonationOptions
{
    public const string Section = "Donations";

    public string CreditorName { get; set; } = "";

    public string CreditorIban { get; set; } = "";

    public string CreditorBic { get; set; } = "";

    public string CreditorId { get; set; } = "";

    /// <summary>Business days between making a collection file and its collection date (the bank's cut-off; one for SEPA Core, two to be safe).</summary>
    public int LeadBusinessDays { get; set; } = 2;

    /// <summary>
    /// The notice before a collection, in days, agreed in the mandate text (SEPA's default is 14): the
    /// first collection is at least this many days after the form, and the confirmation e-mail
    /// announces the amount, the rhythm and the first date.
    /// </summary>
    public int NoticeDays { get; set; } = 5;

    /// <summary>How far ahead a collection file may be dated, in days (banks take files up to 14 days before the date).</summary>
    public int MaxDaysAhead { get; set; } = 14;

    /// <summary>The smallest amount a donor may give, in euros.</summary>
    public int MinimumEuros { get; set; } = 2;

    /// <summary>The largest amount accepted through the form, in euros (larger gifts are made with staff).</summary>
    public int MaximumEuros { get; set; } = 10_000;

    /// <summary>The programme's RSIN (fiscal number), shown on yearly statements for the ANBI gift deduction.</summary>
    public string Rsin { get; set; } = "";

    public Creditor Creditor => new(CreditorName, CreditorIban, CreditorBic, CreditorId);

    /// <summary>Whether gifts can be taken and collected: a name in the SEPA characters, a valid IBAN, BIC and creditor identifier.</summary>
    public bool CanCollect =>
        SepaDirectDebit.Text(CreditorName, 70).Length > 0 && Iban.IsValid(CreditorIban) && Iban.IsCreditorId(CreditorId)
        && Bic().IsMatch(CreditorBic.Trim().ToUpperInvariant());

    [GeneratedRegex("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Bic();
}
