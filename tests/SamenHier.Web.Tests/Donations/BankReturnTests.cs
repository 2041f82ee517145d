using System.Text;
using System.Xml.Linq;
using SamenHier.Web.Features.Donations;

namespace SamenHier.Web.Tests.Donations;

/// <summary>Reading the bank's answer (pain.002, camt.053/054), and the amendment a moved mandate carries in the next collection file.</summary>
public sealed class BankReturnTests
{
    /// <summary>A payment status report (pain.002.001.03) as a bank sends it: per debit its status and, when refused, the reason.</summary>
    public static byte[] Pain002(string originalMessageId, string groupStatus, params (string EndToEndId, string Status, string? Reason)[] debits) =>
        Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
              <CstmrPmtStsRpt>
                <GrpHdr><MsgId>STS-{originalMessageId}</MsgId><CreDtTm>2026-12-01T08:00:00</CreDtTm></GrpHdr>
                <OrgnlGrpInfAndSts>
                  <OrgnlMsgId>{originalMessageId}</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId><GrpSts>{groupStatus}</GrpSts>
                  {(groupStatus == "RJCT" ? "<StsRsnInf><Rsn><Cd>FF01</Cd></Rsn></StsRsnInf>" : "")}
                </OrgnlGrpInfAndSts>
                <OrgnlPmtInfAndSts>
                  <OrgnlPmtInfId>{originalMessageId}-1</OrgnlPmtInfId><PmtInfSts>PART</PmtInfSts>
                  {string.Concat(debits.Select((d, i) => $"<TxInfAndSts><StsId>{i + 1}</StsId><OrgnlEndToEndId>{d.EndToEndId}</OrgnlEndToEndId><TxSts>{d.Status}</TxSts>"
                      + (d.Reason is null ? "" : $"<StsRsnInf><Rsn><Cd>{d.Reason}</Cd></Rsn></StsRsnInf>") + "</TxInfAndSts>"))}
                </OrgnlPmtInfAndSts>
              </CstmrPmtStsRpt>
            </Document>
            """);

    /// <summary>
    /// A debit-credit notification (camt.054.001.02): the batch credited once, and each returned debit
    /// as its own debit entry with return information.
    /// </summary>
    public static byte[] Camt054(params (string EndToEndId, string Reason, string BookedOn)[] returns) =>
        Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
              <BkToCstmrDbtCdtNtfctn>
                <GrpHdr><MsgId>NTF-1</MsgId><CreDtTm>2026-12-08T06:00:00</CreDtTm></GrpHdr>
                <Ntfctn>
                  <Id>NTF-1-1</Id><CreDtTm>2026-12-08T06:00:00</CreDtTm>
                  <Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>
                  <Ntry>
                    <Amt Ccy="EUR">90.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt>
                    <NtryDtls><Btch><NbOfTxs>4</NbOfTxs></Btch></NtryDtls>
                  </Ntry>
                  {string.Concat(returns.Select(r => Returned(r.EndToEndId, r.Reason, r.BookedOn)))}
                </Ntfctn>
              </BkToCstmrDbtCdtNtfctn>
            </Document>
            """);

    private static string Returned(string endToEndId, string reason, string bookedOn) => $"""
        <Ntry>
          <Amt Ccy="EUR">20.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
          <BookgDt><Dt>{bookedOn}</Dt></BookgDt><ValDt><Dt>{bookedOn}</Dt></ValDt>
          <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RDDT</Cd><SubFmlyCd>UPDD</SubFmlyCd></Fmly></Domn></BkTxCd>
          <NtryDtls><TxDtls>
            <Refs><EndToEndId>{endToEndId}</EndToEndId><MndtId>SH-X</MndtId></Refs>
            <RtrInf><Rsn><Cd>{reason}</Cd></Rsn></RtrInf>
          </TxDtls></NtryDtls>
        </Ntry>
        """;

    private static (BankReturns.Report? Report, BankReturns.ReadProblem Problem) Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return BankReturns.Read(stream);
    }

    [Fact]
    public void AStatusReport_GivesTheRefusedDebits_WithTheirReasons_AndNotTheAcceptedOnes()
    {
        var (report, problem) = Read(Pain002("SH-RUN-1", "PART", ("SH-RUN-1-00001", "RJCT", "AM04"), ("SH-RUN-1-00002", "ACCP", null), ("SH-RUN-1-00003", "RJCT", "AC04"), ("SH-RUN-1-00004", "RJCT", null)));

        Assert.Equal(BankReturns.ReadProblem.None, problem);
        Assert.Equal(
            ["SH-RUN-1-00001 AM04 Rejected", "SH-RUN-1-00003 AC04 Rejected", "SH-RUN-1-00004 NARR Rejected"],
            report!.Items.Select(i => $"{i.EndToEndId} {i.Reason} {i.Kind}"));
        Assert.All(report.Items, i => Assert.Null(i.On));
        Assert.Null(report.RefusedMessageId);
    }

    [Fact]
    public void AStatusReport_ThatRefusesTheWholeFile_SaysWhichFileAndWhy()
    {
        var (report, _) = Read(Pain002("SH-RUN-2", "RJCT"));

        Assert.Empty(report!.Items);
        Assert.Equal(("SH-RUN-2", "FF01"), (report.RefusedMessageId, report.RefusedReason));
    }

    [Fact]
    public void AStatusReport_ThatRefusesOneBlock_IsNoRefusalOfTheWholeFile()
    {
        var xml = Encoding.UTF8.GetString(Pain002("SH-RUN-3", "PART"))
            .Replace("<PmtInfSts>PART</PmtInfSts>", "<PmtInfSts>RJCT</PmtInfSts><StsRsnInf><Rsn><Cd>MS03</Cd></Rsn></StsRsnInf>", StringComparison.Ordinal);

        var (report, _) = Read(Encoding.UTF8.GetBytes(xml));

        Assert.Null(report!.RefusedMessageId);
        Assert.Equal([new BankReturns.RefusedBlock("SH-RUN-3-1", "MS03")], report.RefusedBlocks);
    }

    [Fact]
    public void ANotification_GivesTheReturnedDebits_WithTheirBookingDay_AndNotTheCreditedBatch()
    {
        var (report, problem) = Read(Camt054(("SH-RUN-1-00002", "MD06", "2026-12-08"), ("SH-RUN-1-00004", "AC04", "2026-12-09")));

        Assert.Equal(BankReturns.ReadProblem.None, problem);
        Assert.Equal(
            ["SH-RUN-1-00002 MD06 Returned 2026-12-08", "SH-RUN-1-00004 AC04 Returned 2026-12-09"],
            report!.Items.Select(i => $"{i.EndToEndId} {i.Reason} {i.Kind} {i.On:yyyy-MM-dd}"));
    }

    [Fact]
    public void AStatement_OfAnotherVersion_IsReadByItsElementNames()
    {
        var camt053 = Encoding.UTF8.GetString(Camt054(("SH-RUN-1-00005", "MS02", "2026-12-10")))
            .Replace("camt.054.001.02", "camt.053.001.08", StringComparison.Ordinal)
            .Replace("BkToCstmrDbtCdtNtfctn", "BkToCstmrStmt", StringComparison.Ordinal)
            .Replace("Ntfctn>", "Stmt>", StringComparison.Ordinal);

        var (report, _) = Read(Encoding.UTF8.GetBytes(camt053));

        Assert.Equal(["SH-RUN-1-00005 MS02"], report!.Items.Select(i => $"{i.EndToEndId} {i.Reason}"));
    }

    [Fact]
    public void OtherFiles_AreRefusedWithTheReason_AndExternalEntitiesAreNeverRead()
    {
        Assert.Equal(BankReturns.ReadProblem.NotXml, Read("dit is geen xml"u8.ToArray()).Problem);
        Assert.Equal(BankReturns.ReadProblem.NotXml, Read([]).Problem);
        var collection = SepaDirectDebit.Write(new Creditor("Stichting Samen Hier", "NL91ABNA0417164300", "ABNANL2A", "NL69ZZZ123456780000"), "SH-1", DateTimeOffset.UnixEpoch, new DateOnly(2026, 12, 4),
            [new("E2E-1", 100, SequenceType.OneOff, "SH-1", new DateOnly(2026, 12, 1), "A", "NL91ABNA0417164300", "Gift")]);
        Assert.Equal(BankReturns.ReadProblem.NotAReturnFile, Read(Encoding.UTF8.GetBytes(collection)).Problem);

        // An XML external entity (a file on the server) in a report: refused before anything is read.
        var hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <Document><CstmrPmtStsRpt><OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>&secret;</OrgnlEndToEndId><TxSts>RJCT</TxSts></TxInfAndSts></OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>
            """;
        Assert.Equal(BankReturns.ReadProblem.NotXml, Read(Encoding.UTF8.GetBytes(hostile)).Problem);
    }

    [Theory]
    [InlineData("NL91ABNA0417164300", null, Mandates.AccountMove.None)]
    [InlineData("NL02ABNA0123456789", "NL91ABNA0417164300", Mandates.AccountMove.SameBank)]
    [InlineData("NL44RABO0123456789", "NL91ABNA0417164300", Mandates.AccountMove.OtherBank)]
    [InlineData("DE62370400440532013001", "DE89370400440532013000", Mandates.AccountMove.SameBank)]
    [InlineData("DE44500105175407324931", "DE89370400440532013000", Mandates.AccountMove.OtherBank)]
    [InlineData("BE68539007547034", "NL91ABNA0417164300", Mandates.AccountMove.OtherBank)]
    [InlineData("FI2112345600000785", "FI5542345670000081", Mandates.AccountMove.OtherBank)]
    [InlineData("NL91ABNA0417164300", "NL91ABNA0417164300", Mandates.AccountMove.None)]
    public void AMovedMandate_IsToldAsTheSameBank_OnlyWhenTheBankCodeShowsIt(string iban, string? before, Mandates.AccountMove expected)
    {
        var donation = new Donation
        {
            DonorName = "A",
            DonorEmail = "a@voorbeeld.nl",
            Language = "nl",
            AccountHolder = "A",
            Iban = iban,
            AmendedFromIban = before,
            MandateId = "SH-1",
            ManageTokenHash = "x",
        };

        Assert.Equal(expected, Mandates.Amendment(donation));
    }

    [Fact]
    public void TheAmendment_NamesTheOldAccount_OrSmndaForAnotherBank()
    {
        XNamespace ns = SepaDirectDebit.Namespace;
        var xml = XDocument.Parse(SepaDirectDebit.Write(new Creditor("Stichting Samen Hier", "NL91ABNA0417164300", "ABNANL2A", "NL69ZZZ123456780000"), "SH-1", DateTimeOffset.UnixEpoch, new DateOnly(2026, 12, 4),
        [
            new("E2E-1", 100, SequenceType.Recurring, "SH-A", new DateOnly(2026, 10, 1), "A", "NL02ABNA0123456789", "Gift") { Amendment = Mandates.AccountMove.SameBank, OriginalIban = "NL91ABNA0417164300" },
            new("E2E-2", 100, SequenceType.First, "SH-B", new DateOnly(2026, 10, 1), "B", "NL44RABO0123456789", "Gift") { Amendment = Mandates.AccountMove.OtherBank, OriginalIban = "NL91ABNA0417164300" },
            new("E2E-3", 100, SequenceType.Recurring, "SH-C", new DateOnly(2026, 10, 1), "C", "NL91ABNA0417164300", "Gift"),
        ]));

        var mandates = xml.Descendants(ns + "MndtRltdInf").ToDictionary(m => m.Element(ns + "MndtId")!.Value);
        Assert.Equal(["MndtId", "DtOfSgntr", "AmdmntInd", "AmdmntInfDtls"], mandates["SH-A"].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("true", mandates["SH-A"].Element(ns + "AmdmntInd")!.Value);
        Assert.Equal("NL91ABNA0417164300", mandates["SH-A"].Descendants(ns + "OrgnlDbtrAcct").Single().Value);
        Assert.Equal("SMNDA", mandates["SH-B"].Descendants(ns + "OrgnlDbtrAgt").Single().Descendants(ns + "Id").Single().Value);
        Assert.Empty(mandates["SH-B"].Descendants(ns + "OrgnlDbtrAcct"));
        Assert.Equal(["MndtId", "DtOfSgntr"], mandates["SH-C"].Elements().Select(e => e.Name.LocalName));
    }
}
