using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Localization;

namespace SamenHier.Web.Features.Donations;

/// <summary>Mandate references, amounts as people type them, and a donation in words.</summary>
public static class Mandates
{
    // No 0/O or 1/I: the reference is read aloud on the phone to the bank.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A new mandate reference: SH-, the day it was signed, and eight random characters (unique in the database).</summary>
    public static string NewId(DateOnly signedOn) =>
        $"SH-{signedOn:yyyyMMdd}-{new string([.. RandomNumberGenerator.GetItems<char>(Alphabet, 8)])}";

    /// <summary>Euros as typed ("12", "12,50", "12.50", "€ 12,-") in cents; null when it is not an amount with at most two decimals.</summary>
    public static long? ParseEuros(string? text)
    {
        var value = (text ?? "").Replace("€", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        if (value.EndsWith(",-", StringComparison.Ordinal) || value.EndsWith(".-", StringComparison.Ordinal))
        {
            value = value[..^2];
        }

        var separator = value.LastIndexOfAny([',', '.']);
        var whole = separator < 0 ? value : value[..separator];
        var fraction = separator < 0 ? "" : value[(separator + 1)..];
        if (whole.Length is 0 or > 7 || fraction.Length > 2 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return null;
        }

        return (long.Parse(whole, CultureInfo.InvariantCulture) * 100) + (fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), CultureInfo.InvariantCulture));
    }

    /// <summary>Euros for people, in the current language (€ 12,50).</summary>
    public static string Euros(long cents) => (cents / 100m).ToString("C", EuroFormat());

    /// <summary>Only the last four characters of an account number: enough to recognise it, not to use it.</summary>
    public static string MaskedIban(string iban) => iban.Length < 8 ? iban : $"{iban[..2]}•• •••• {iban[^4..]}";

    /// <summary>"€ 25,00 per maand, voor Haarlem".</summary>
    public static string Describe(Donation donation, string? city, IStringLocalizer t) =>
        t[city is null ? "Donation_Describe" : "Donation_DescribeCity", Euros(donation.AmountCents), t[$"Donate_Per_{donation.Frequency}"].Value, city ?? ""].Value;

    /// <summary>
    /// The first collection of the schedule that starts on <paramref name="anchor"/> falling after
    /// <paramref name="after"/>: the anchor plus a whole number of periods, each counted from the anchor
    /// (so 31 January gives 28 February, then 31 March — not the 28th for ever).
    /// </summary>
    public static DateOnly Next(DateOnly anchor, Frequency frequency, DateOnly after)
    {
        var months = frequency switch
        {
            Frequency.Monthly => 1,
            Frequency.Quarterly => 3,
            _ => 12,
        };
        var periods = Math.Max(0, (((after.Year - anchor.Year) * 12) + after.Month - anchor.Month) / months);
        var next = anchor.AddMonths(periods * months);
        while (next <= after)
        {
            next = anchor.AddMonths(++periods * months);
        }

        return next;
    }

    /// <summary>The pre-notification: the amount, the first date and the rhythm ("€ 25,00 op of na 4 december 2026, daarna elke maand rond de 4e").</summary>
    public static string Schedule(Donation donation, IStringLocalizer t) =>
        t[donation.Frequency == Frequency.Once ? "Donation_ScheduleOnce" : "Donation_Schedule",
            Euros(donation.AmountCents),
            donation.NextCollectionOn.ToString("d MMMM yyyy", CultureInfo.CurrentCulture),
            t[$"Donate_Frequency_{donation.Frequency}"].Value.ToLower(CultureInfo.CurrentCulture),
            donation.ScheduleAnchor.Day].Value;

    /// <summary>How a mandate's account moved since the last collection.</summary>
    public enum AccountMove
    {
        None,

        /// <summary>Another account at the same bank: the collection names the old IBAN.</summary>
        SameBank,

        /// <summary>An account at another bank (or a bank this code cannot tell apart): SMNDA and a first collection.</summary>
        OtherBank,
    }

    /// <summary>
    /// The length of the bank's code at the start of the account part, for the countries whose IBAN
    /// starts with it (from the IBAN registry). Elsewhere a move counts as one to another bank, which
    /// every bank takes.
    /// </summary>
    private static readonly Dictionary<string, int> BankCodeLength = new(StringComparer.Ordinal)
    {
        ["NL"] = 4,
        ["BE"] = 3,
        ["DE"] = 8,
        ["AT"] = 5,
        ["FR"] = 5,
        ["ES"] = 4,
        ["LU"] = 3,
    };

    /// <summary>Whether the donation's account moved since its last collection, and to which bank.</summary>
    public static AccountMove Amendment(Donation donation)
    {
        if (donation.AmendedFromIban is not { } old || old == donation.Iban)
        {
            return AccountMove.None;
        }

        var country = donation.Iban[..2];
        return old[..2] == country && BankCodeLength.TryGetValue(country, out var length)
            && old.Length >= 4 + length && donation.Iban.Length >= 4 + length
            && string.Equals(old[4..(4 + length)], donation.Iban[4..(4 + length)], StringComparison.Ordinal)
            ? AccountMove.SameBank
            : AccountMove.OtherBank;
    }

    private static NumberFormatInfo EuroFormat()
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return format;
    }
}
