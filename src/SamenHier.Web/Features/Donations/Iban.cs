using System.Text.RegularExpressions;

namespace SamenHier.Web.Features.Donations;

/// <summary>
/// International bank account numbers (ISO 13616) of the European Economic Area — the SEPA countries
/// whose direct debits need nothing but the IBAN (a debtor's bank outside the EEA, such as in
/// Switzerland or the United Kingdom, needs its BIC and the debtor's address, which the form does
/// not ask) — checked by the country's length and account format (from the IBAN registry) and the
/// mod-97 check digits.
/// </summary>
public static partial class Iban
{
    /// <summary>Why a number is not an IBAN a direct debit can use.</summary>
    public enum Problem
    {
        None,
        Empty,
        Characters,
        Country,
        Length,
        Format,
        CheckDigits,
    }

    /// <summary>
    /// Per EEA country: the IBAN's length and its account part (BBAN) as the registry gives it —
    /// n: digits, a: capital letters, c: letters or digits, with their counts.
    /// </summary>
    private static readonly Dictionary<string, (int Length, string Bban)> Countries = new(StringComparer.Ordinal)
    {
        ["AT"] = (20, "5n11n"),
        ["BE"] = (16, "3n7n2n"),
        ["BG"] = (22, "4a4n2n8c"),
        ["CY"] = (28, "3n5n16c"),
        ["CZ"] = (24, "4n6n10n"),
        ["DE"] = (22, "8n10n"),
        ["DK"] = (18, "4n9n1n"),
        ["EE"] = (20, "2n2n11n1n"),
        ["ES"] = (24, "4n4n1n1n10n"),
        ["FI"] = (18, "3n11n"),
        ["FR"] = (27, "5n5n11c2n"),
        ["GR"] = (27, "3n4n16c"),
        ["HR"] = (21, "7n10n"),
        ["HU"] = (28, "3n4n1n15n1n"),
        ["IE"] = (22, "4a6n8n"),
        ["IS"] = (26, "4n2n6n10n"),
        ["IT"] = (27, "1a5n5n12c"),
        ["LI"] = (21, "5n12c"),
        ["LT"] = (20, "5n11n"),
        ["LU"] = (20, "3n13c"),
        ["LV"] = (21, "4a13c"),
        ["MT"] = (31, "4a5n18c"),
        ["NL"] = (18, "4a10n"),
        ["NO"] = (15, "4n6n1n"),
        ["PL"] = (28, "8n16n"),
        ["PT"] = (25, "4n4n11n2n"),
        ["RO"] = (24, "4a16c"),
        ["SE"] = (24, "3n16n1n"),
        ["SI"] = (19, "5n8n2n"),
        ["SK"] = (24, "4n6n10n"),
    };

    private static readonly Dictionary<string, Regex> Formats = Countries.ToDictionary(
        c => c.Key,
        c => new Regex("^" + string.Concat(BbanPart().Matches(c.Value.Bban).Select(m => m.Groups[2].Value switch
        {
            "n" => $"[0-9]{{{m.Groups[1].Value}}}",
            "a" => $"[A-Z]{{{m.Groups[1].Value}}}",
            _ => $"[A-Z0-9]{{{m.Groups[1].Value}}}",
        })) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
        StringComparer.Ordinal);

    [GeneratedRegex("([0-9]+)([nac])", RegexOptions.CultureInvariant)]
    private static partial Regex BbanPart();

    /// <summary>The number as it is stored and sent to the bank: capitals, no spaces.</summary>
    public static string Normalise(string? value) =>
        new([.. (value ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '.').Select(char.ToUpperInvariant)]);

    /// <summary>The number in groups of four, as people read it (NL91 ABNA 0417 1643 00).</summary>
    public static string Readable(string iban) =>
        string.Join(' ', Enumerable.Range(0, (iban.Length + 3) / 4).Select(i => iban.Substring(i * 4, Math.Min(4, iban.Length - (i * 4)))));

    public static Problem Check(string? value)
    {
        var iban = Normalise(value);
        if (iban.Length == 0)
        {
            return Problem.Empty;
        }

        if (!iban.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
        {
            return Problem.Characters;
        }

        if (iban.Length < 4 || !Countries.TryGetValue(iban[..2], out var country))
        {
            return Problem.Country;
        }

        if (iban.Length != country.Length)
        {
            return Problem.Length;
        }

        if (!char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !Formats[iban[..2]].IsMatch(iban[4..]))
        {
            return Problem.Format;
        }

        return Mod97(iban[4..] + iban[..4]) == 1 ? Problem.None : Problem.CheckDigits;
    }

    public static bool IsValid(string? value) => Check(value) == Problem.None;

    /// <summary>The remainder of the number, letters read as 10–35 (A = 10), divided by 97.</summary>
    internal static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
        }

        return remainder;
    }

    /// <summary>
    /// A SEPA creditor identifier (e.g. NL98ZZZ999999999999): country, check digits, a business code
    /// of three characters (not part of the check), then the national identifier; the check digits
    /// are mod-97 over the identifier and the country, as with an IBAN.
    /// </summary>
    public static bool IsCreditorId(string? value)
    {
        var id = Normalise(value);
        if (id.Length is < 8 or > 35 || !id.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            || !Countries.ContainsKey(id[..2]) || !char.IsAsciiDigit(id[2]) || !char.IsAsciiDigit(id[3]))
        {
            return false;
        }

        return Mod97(id[7..] + id[..4]) == 1;
    }
}
