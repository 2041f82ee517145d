using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Donations;

/// <summary>The organisation that collects: its name, account, bank and SEPA creditor identifier (settings <c>Donations:*</c>).</summary>
public sealed record Creditor(string Name, string Iban, string Bic, string CreditorId);

/// <summary>One direct debit in a collection file.</summary>
public sealed record DebitLine(
    string EndToEndId,
    long AmountCents,
    SequenceType Sequence,
    string MandateId,
    DateOnly MandateSignedOn,
    string DebtorName,
    string DebtorIban,
    string Remittance)
{
    /// <summary>Whether the mandate moved to another account since the last collection (a SEPA amendment).</summary>
    public Mandates.AccountMove Amendment { get; init; }

    /// <summary>The account before the move.</summary>
    public string? OriginalIban { get; init; }
}

/// <summary>
/// Writes a SEPA Core direct-debit initiation, ISO 20022 pain.008.001.02 — the file Dutch banks
/// take for collections: a group header with the number of debits and their sum, then one payment
/// information block per sequence type (OOFF, FRST, RCUR) with its own number and sum, each debit
/// with its mandate. The debtor's bank is given as NOTPROVIDED (IBAN only, allowed throughout SEPA).
/// </summary>
public static class SepaDirectDebit
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02";

    public static string Code(SequenceType sequence) => sequence switch
    {
        SequenceType.OneOff => "OOFF",
        SequenceType.First => "FRST",
        _ => "RCUR",
    };

    public static string Write(Creditor creditor, string messageId, DateTimeOffset createdAt, DateOnly collectionDate, IReadOnlyList<DebitLine> lines)
    {
        ArgumentNullException.ThrowIfNull(creditor);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new ArgumentException("A collection file needs at least one debit.", nameof(lines));
        }

        XNamespace ns = Namespace;
        var blocks = lines.GroupBy(l => l.Sequence).OrderBy(g => g.Key).ToList();
        var document = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(ns + "Document",
                new XElement(ns + "CstmrDrctDbtInitn",
                    new XElement(ns + "GrpHdr",
                        new XElement(ns + "MsgId", Text(messageId, 35)),
                        // Dutch time, as Dutch banks read a time without a zone.
                        new XElement(ns + "CreDtTm", createdAt.ToNetherlands().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
                        new XElement(ns + "NbOfTxs", lines.Count.ToString(CultureInfo.InvariantCulture)),
                        new XElement(ns + "CtrlSum", Amount(lines.Sum(l => l.AmountCents))),
                        new XElement(ns + "InitgPty", new XElement(ns + "Nm", Text(creditor.Name, 70)))),
                    blocks.Select((block, n) => new XElement(ns + "PmtInf",
                        new XElement(ns + "PmtInfId", Text($"{messageId}-{n + 1}", 35)),
                        new XElement(ns + "PmtMtd", "DD"),
                        new XElement(ns + "BtchBookg", "true"),
                        new XElement(ns + "NbOfTxs", block.Count().ToString(CultureInfo.InvariantCulture)),
                        new XElement(ns + "CtrlSum", Amount(block.Sum(l => l.AmountCents))),
                        new XElement(ns + "PmtTpInf",
                            new XElement(ns + "SvcLvl", new XElement(ns + "Cd", "SEPA")),
                            new XElement(ns + "LclInstrm", new XElement(ns + "Cd", "CORE")),
                            new XElement(ns + "SeqTp", Code(block.Key))),
                        new XElement(ns + "ReqdColltnDt", collectionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        new XElement(ns + "Cdtr", new XElement(ns + "Nm", Text(creditor.Name, 70))),
                        new XElement(ns + "CdtrAcct", new XElement(ns + "Id", new XElement(ns + "IBAN", Iban.Normalise(creditor.Iban)))),
                        new XElement(ns + "CdtrAgt", new XElement(ns + "FinInstnId", new XElement(ns + "BIC", creditor.Bic.Trim().ToUpperInvariant()))),
                        new XElement(ns + "ChrgBr", "SLEV"),
                        new XElement(ns + "CdtrSchmeId",
                            new XElement(ns + "Id",
                                new XElement(ns + "PrvtId",
                                    new XElement(ns + "Othr",
                                        new XElement(ns + "Id", Iban.Normalise(creditor.CreditorId)),
                                        new XElement(ns + "SchmeNm", new XElement(ns + "Prtry", "SEPA")))))),
                        block.Select(line => new XElement(ns + "DrctDbtTxInf",
                            new XElement(ns + "PmtId", new XElement(ns + "EndToEndId", Text(line.EndToEndId, 35))),
                            new XElement(ns + "InstdAmt", new XAttribute("Ccy", "EUR"), Amount(line.AmountCents)),
                            new XElement(ns + "DrctDbtTx",
                                new XElement(ns + "MndtRltdInf",
                                    new XElement(ns + "MndtId", Text(line.MandateId, 35)),
                                    new XElement(ns + "DtOfSgntr", line.MandateSignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                                    Amendment(ns, line))),
                            new XElement(ns + "DbtrAgt", new XElement(ns + "FinInstnId", new XElement(ns + "Othr", new XElement(ns + "Id", "NOTPROVIDED")))),
                            new XElement(ns + "Dbtr", new XElement(ns + "Nm", Text(line.DebtorName, 70))),
                            new XElement(ns + "DbtrAcct", new XElement(ns + "Id", new XElement(ns + "IBAN", Iban.Normalise(line.DebtorIban)))),
                            new XElement(ns + "RmtInf", new XElement(ns + "Ustrd", Text(line.Remittance, 140))))))))));

        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(builder), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The amendment of a mandate whose account moved: the old IBAN when it stayed with the same bank,
    /// or SMNDA ("same mandate, new debtor agent") when it moved to another bank — a first
    /// collection then (the caller sets FRST).
    /// </summary>
    private static XElement[] Amendment(XNamespace ns, DebitLine line) => line.Amendment switch
    {
        Mandates.AccountMove.SameBank =>
        [
            new XElement(ns + "AmdmntInd", "true"),
            new XElement(ns + "AmdmntInfDtls", new XElement(ns + "OrgnlDbtrAcct", new XElement(ns + "Id", new XElement(ns + "IBAN", Iban.Normalise(line.OriginalIban ?? ""))))),
        ],
        Mandates.AccountMove.OtherBank =>
        [
            new XElement(ns + "AmdmntInd", "true"),
            new XElement(ns + "AmdmntInfDtls", new XElement(ns + "OrgnlDbtrAgt", new XElement(ns + "FinInstnId", new XElement(ns + "Othr", new XElement(ns + "Id", "SMNDA"))))),
        ],
        _ => [],
    };

    /// <summary>Euros with two decimals and a point, as the scheme wants them.</summary>
    public static string Amount(long cents) =>
        (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Text in the character set every SEPA bank takes (a–z, A–Z, 0–9 and / - ? : ( ) . , ' + space):
    /// accents dropped (é → e), anything else a space, at most <paramref name="max"/> characters.
    /// </summary>
    public static string Text(string value, int max)
    {
        var decomposed = (value ?? "").Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            kept.Append(c switch
            {
                'ß' => "ss",
                'Æ' => "AE",
                'æ' => "ae",
                'Ø' => "O",
                'ø' => "o",
                'Ł' => "L",
                'ł' => "l",
                'Đ' => "D",
                'đ' => "d",
                _ when IsAllowed(c) => c.ToString(),
                _ => " ",
            });
        }

        var text = string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= max ? text : text[..max].TrimEnd();
    }

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '/' or '-' or '?' or ':' or '(' or ')' or '.' or ',' or '\'' or '+' or ' ';

    /// <summary>A writer that says UTF-8 in the declaration.</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
