using System.Globalization;
using System.Xml.Linq;
using SamenHier.Web.Features.Donations;

namespace SamenHier.Web.Tests.Donations;

/// <summary>The pain.008.001.02 collection file: its structure, sequence types, counts and sums, read back.</summary>
public sealed class SepaTests
{
    private static readonly XNamespace Ns = SepaDirectDebit.Namespace;

    private static readonly Creditor Creditor = new("Stichting Samen Hier", "NL91 ABNA 0417 1643 00", "abnanl2a", "NL69ZZZ123456780000");

    private static readonly DebitLine[] Lines =
    [
        new("E2E-1", 2500, SequenceType.First, "SH-20261201-AAAA2222", new DateOnly(2026, 12, 1), "José Müller-Łukasz", "DE89370400440532013000", "Gift Samen Hier SH-20261201-AAAA2222"),
        new("E2E-2", 1000, SequenceType.Recurring, "SH-20261001-BBBB3333", new DateOnly(2026, 10, 1), "Fatima de Vries", "NL91ABNA0417164300", "Gift Samen Hier SH-20261001-BBBB3333"),
        new("E2E-3", 1250, SequenceType.Recurring, "SH-20260901-CCCC4444", new DateOnly(2026, 9, 1), "An Janssens", "BE68539007547034", "Gift Samen Hier SH-20260901-CCCC4444"),
        new("E2E-4", 5000, SequenceType.OneOff, "SH-20261130-DDDD5555", new DateOnly(2026, 11, 30), "Piet & Co <b>", "NL91ABNA0417164300", "Gift Samen Hier SH-20261130-DDDD5555"),
        new("E2E-5", 333, SequenceType.First, "SH-20261201-EEEE6666", new DateOnly(2026, 12, 1), "Ahmed Ali", "FR1420041010050500013M02606", "Gift Samen Hier SH-20261201-EEEE6666"),
    ];

    private static XDocument Written() => XDocument.Parse(SepaDirectDebit.Write(
        Creditor, "SH-20261201090000-ABCD1234", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), new DateOnly(2026, 12, 4), Lines));

    private static decimal Sum(IEnumerable<XElement> amounts) =>
        amounts.Sum(a => decimal.Parse(a.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));

    [Fact]
    public void TheFile_HasOneBlockPerSequenceType_WithCountsAndSumsThatAddUp()
    {
        var document = Written();
        var root = document.Root!;
        Assert.Equal(Ns + "Document", root.Name);
        var initiation = root.Element(Ns + "CstmrDrctDbtInitn")!;
        var header = initiation.Element(Ns + "GrpHdr")!;
        Assert.Equal("SH-20261201090000-ABCD1234", header.Element(Ns + "MsgId")!.Value);
        // Dutch time (09:00 UTC is 10:00 in Amsterdam in winter).
        Assert.Equal("2026-12-01T10:00:00", header.Element(Ns + "CreDtTm")!.Value);
        Assert.Equal("5", header.Element(Ns + "NbOfTxs")!.Value);
        Assert.Equal("100.83", header.Element(Ns + "CtrlSum")!.Value);

        var blocks = initiation.Elements(Ns + "PmtInf").ToList();
        Assert.Equal(["OOFF", "FRST", "RCUR"], blocks.Select(b => b.Element(Ns + "PmtTpInf")!.Element(Ns + "SeqTp")!.Value));
        foreach (var block in blocks)
        {
            var debits = block.Elements(Ns + "DrctDbtTxInf").ToList();
            Assert.Equal(debits.Count.ToString(CultureInfo.InvariantCulture), block.Element(Ns + "NbOfTxs")!.Value);
            Assert.Equal(Sum(debits.Select(d => d.Element(Ns + "InstdAmt")!)), decimal.Parse(block.Element(Ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture));
            Assert.Equal("DD", block.Element(Ns + "PmtMtd")!.Value);
            Assert.Equal("SEPA", block.Element(Ns + "PmtTpInf")!.Element(Ns + "SvcLvl")!.Element(Ns + "Cd")!.Value);
            Assert.Equal("CORE", block.Element(Ns + "PmtTpInf")!.Element(Ns + "LclInstrm")!.Element(Ns + "Cd")!.Value);
            Assert.Equal("2026-12-04", block.Element(Ns + "ReqdColltnDt")!.Value);
            Assert.Equal("NL91ABNA0417164300", block.Element(Ns + "CdtrAcct")!.Descendants(Ns + "IBAN").Single().Value);
            Assert.Equal("ABNANL2A", block.Element(Ns + "CdtrAgt")!.Descendants(Ns + "BIC").Single().Value);
            Assert.Equal("SLEV", block.Element(Ns + "ChrgBr")!.Value);
            Assert.Equal("NL69ZZZ123456780000", block.Element(Ns + "CdtrSchmeId")!.Descendants(Ns + "Othr").Single().Element(Ns + "Id")!.Value);
            Assert.Equal("SEPA", block.Element(Ns + "CdtrSchmeId")!.Descendants(Ns + "Prtry").Single().Value);
        }

        Assert.Equal([1, 2, 2], blocks.Select(b => b.Elements(Ns + "DrctDbtTxInf").Count()));
        Assert.Equal(Sum(document.Descendants(Ns + "InstdAmt")), decimal.Parse(header.Element(Ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(3, blocks.Select(b => b.Element(Ns + "PmtInfId")!.Value).Distinct().Count());
    }

    [Fact]
    public void EachDebit_ReadsBack_WithItsMandateAccountAndAmount()
    {
        var debits = Written().Descendants(Ns + "DrctDbtTxInf")
            .Select(d => new
            {
                EndToEnd = d.Element(Ns + "PmtId")!.Element(Ns + "EndToEndId")!.Value,
                Amount = d.Element(Ns + "InstdAmt")!,
                Mandate = d.Descendants(Ns + "MndtId").Single().Value,
                Signed = d.Descendants(Ns + "DtOfSgntr").Single().Value,
                Agent = d.Element(Ns + "DbtrAgt")!.Descendants(Ns + "Id").Single().Value,
                Name = d.Element(Ns + "Dbtr")!.Element(Ns + "Nm")!.Value,
                Iban = d.Element(Ns + "DbtrAcct")!.Descendants(Ns + "IBAN").Single().Value,
                Text = d.Element(Ns + "RmtInf")!.Element(Ns + "Ustrd")!.Value,
            })
            .ToDictionary(d => d.EndToEnd);

        Assert.Equal(Lines.Select(l => l.EndToEndId).Order(StringComparer.Ordinal), debits.Keys.Order(StringComparer.Ordinal));
        foreach (var line in Lines)
        {
            var debit = debits[line.EndToEndId];
            Assert.Equal(SepaDirectDebit.Amount(line.AmountCents), debit.Amount.Value);
            Assert.Equal("EUR", debit.Amount.Attribute("Ccy")!.Value);
            Assert.Equal(line.MandateId, debit.Mandate);
            Assert.Equal(line.MandateSignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), debit.Signed);
            Assert.Equal("NOTPROVIDED", debit.Agent);
            Assert.Equal(line.DebtorIban, debit.Iban);
            Assert.Equal(line.Remittance, debit.Text);
        }

        // Names in the characters every SEPA bank takes: accents dropped, anything else a space.
        Assert.Equal("Jose Muller-Lukasz", debits["E2E-1"].Name);
        Assert.Equal("Piet Co b", debits["E2E-4"].Name);
        Assert.Equal("3.33", debits["E2E-5"].Amount.Value);
    }

    [Fact]
    public void TheFile_IsUtf8_AndSaysSo_AndAnEmptyRunIsRefused()
    {
        var xml = SepaDirectDebit.Write(Creditor, "M1", DateTimeOffset.UnixEpoch, new DateOnly(2026, 12, 4), Lines[..1]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentException>(() => SepaDirectDebit.Write(Creditor, "M2", DateTimeOffset.UnixEpoch, new DateOnly(2026, 12, 4), []));
    }

    [Theory]
    [InlineData("Ünal Çelik", 70, "Unal Celik")]
    [InlineData("Straße 1", 70, "Strasse 1")]
    [InlineData("محمد", 70, "")]
    [InlineData("  a   b  ", 70, "a b")]
    [InlineData("abcdefghij", 4, "abcd")]
    public void Text_KeepsToTheSepaCharacterSet(string value, int max, string expected) =>
        Assert.Equal(expected, SepaDirectDebit.Text(value, max));

    [Theory]
    [InlineData("2026-12-04", true)]
    [InlineData("2026-12-05", false)]
    [InlineData("2026-12-25", false)]
    [InlineData("2026-12-26", false)]
    [InlineData("2027-01-01", false)]
    [InlineData("2027-03-26", false)]
    [InlineData("2027-03-29", false)]
    [InlineData("2027-03-30", true)]
    [InlineData("2027-05-01", false)]
    [InlineData("2027-05-03", true)]
    public void CollectionDays_AreTargetBusinessDays(string day, bool business) =>
        Assert.Equal(business, CollectionDays.IsBusinessDay(DateOnly.Parse(day, CultureInfo.InvariantCulture)));

    [Fact]
    public void TheEarliestCollectionDate_SkipsWeekendsAndHolidays()
    {
        Assert.Equal(new DateOnly(2027, 3, 28), CollectionDays.EasterSunday(2027));
        Assert.Equal(new DateOnly(2026, 4, 5), CollectionDays.EasterSunday(2026));
        // Tuesday 1 December + 2 business days: Thursday 3 December.
        Assert.Equal(new DateOnly(2026, 12, 3), CollectionDays.Earliest(new DateOnly(2026, 12, 1), 2));
        // Wednesday 23 December + 2: Christmas and Boxing Day and the weekend skipped: Monday 28 December.
        Assert.Equal(new DateOnly(2026, 12, 28), CollectionDays.Earliest(new DateOnly(2026, 12, 23), 2));
        // Thursday 25 March 2027 + 2: Good Friday, the weekend and Easter Monday skipped: Wednesday 31 March.
        Assert.Equal(new DateOnly(2027, 3, 31), CollectionDays.Earliest(new DateOnly(2027, 3, 25), 2));
    }

    [Theory]
    [InlineData("12", 1200L)]
    [InlineData("12,50", 1250L)]
    [InlineData("12.5", 1250L)]
    [InlineData("€ 25,-", 2500L)]
    [InlineData(" 7 ", 700L)]
    [InlineData("12,505", null)]
    [InlineData("twaalf", null)]
    [InlineData("", null)]
    [InlineData("-5", null)]
    [InlineData("1.000,00", null)]
    public void Amounts_AreReadAsPeopleTypeThem(string typed, long? cents) =>
        Assert.Equal(cents, Mandates.ParseEuros(typed));

    [Theory]
    [InlineData("2027-01-31", "Monthly", "2027-01-31", "2027-02-28")]
    [InlineData("2027-01-31", "Monthly", "2027-02-28", "2027-03-31")]
    [InlineData("2027-01-31", "Monthly", "2027-04-15", "2027-04-30")]
    [InlineData("2027-01-31", "Quarterly", "2027-01-31", "2027-04-30")]
    [InlineData("2027-01-31", "Quarterly", "2027-04-30", "2027-07-31")]
    [InlineData("2028-02-29", "Yearly", "2028-02-29", "2029-02-28")]
    [InlineData("2028-02-29", "Yearly", "2031-02-28", "2032-02-29")]
    [InlineData("2026-12-04", "Monthly", "2026-12-01", "2026-12-04")]
    public void TheSchedule_CountsFromItsFirstDay_SoMonthEndsDoNotDrift(string anchor, string frequency, string after, string next) =>
        Assert.Equal(
            DateOnly.Parse(next, CultureInfo.InvariantCulture),
            Mandates.Next(DateOnly.Parse(anchor, CultureInfo.InvariantCulture), Enum.Parse<Frequency>(frequency), DateOnly.Parse(after, CultureInfo.InvariantCulture)));
}
