using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Donations;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Donations;

/// <summary>The bank's answer read back into the gifts, and a donor moving their mandate to another account — over HTTP.</summary>
public sealed partial class DonationTests
{
    private static async Task<Dictionary<string, string>> EndToEndIdsAsync(AppFactory app, DateOnly collectionDate) =>
        await app.WithDbAsync(db => db.Collections.Where(c => c.CollectionDate == collectionDate).Select(c => new { c.Donation!.DonorName, c.EndToEndId }).ToDictionaryAsync(c => c.DonorName, c => c.EndToEndId));

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task TheBanksAnswer_RecordsRefusedAndReturnedDebits_StopsGiftsThatCannotGoOn_AndTellsTheirDonors(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var anna = await SeedAsync(app, "Anna", 1000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        await SeedAsync(app, "Bram", 5000, Frequency.Once, new DateOnly(2026, 11, 25));
        var cees = await SeedAsync(app, "Cees", 2000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        var dirk = await SeedAsync(app, "Dirk", 3000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var page = await Page.GetAsync(admin, "/beheer/donaties");
        page = await page.SubmitAsync(admin, [new("CollectionDate", "2026-12-01")], "handler=Run");
        var ids = await EndToEndIdsAsync(app, new DateOnly(2026, 12, 1));
        var messageId = await app.WithDbAsync(db => db.CollectionRuns.Select(r => r.MessageId).SingleAsync());

        // Before the date the bank refuses two debits (insufficient funds) and accepts one; one line is not ours.
        var report = BankReturnTests.Pain002(messageId, "PART", (ids["Anna"], "RJCT", "AM04"), (ids["Bram"], "RJCT", "AM04"), (ids["Dirk"], "ACCP", null), ("SH-ELDERS-00001", "RJCT", "AC04"));
        var read = await page.UploadAsync(admin, "handler=Returns", "ReturnFile", "pain002.xml", report);
        Assert.Equal("Het bestand is ingelezen: 2 geweigerde of teruggeboekte afschrijvingen verwerkt, 1 giften gestopt, 0 waren al verwerkt, 1 niet gevonden.", read.Document.QuerySelector("#run-made")!.TextContent.Trim());
        var donations = await app.WithDbAsync(db => db.Donations.ToDictionaryAsync(d => d.DonorName));
        Assert.Equal((DonationStatus.Active, null), (donations["Anna"].Status, donations["Anna"].StopReason));
        Assert.Equal((DonationStatus.Stopped, "AM04"), (donations["Bram"].Status, donations["Bram"].StopReason));
        var mail = (await SignUpJourney.MailToAsync(app, "bram@voorbeeld.nl"))[^1];
        Assert.Equal("Je gift is gestopt", mail.Subject);
        Assert.Contains("De afschrijving van € 50,00 op 1 december 2026", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("onvoldoende saldo (AM04)", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(await SignUpJourney.MailToAsync(app, "anna@voorbeeld.nl"));

        // The same file again changes nothing.
        read = await read.UploadAsync(admin, "handler=Returns", "ReturnFile", "pain002.xml", report);
        Assert.Contains("0 geweigerde of teruggeboekte afschrijvingen verwerkt, 0 giften gestopt, 2 waren al verwerkt, 1 niet gevonden", read.Document.QuerySelector("#run-made")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await SignUpJourney.MailToAsync(app, "bram@voorbeeld.nl"));

        // A week on, Cees asks his bank for his money back: the notification returns it, and his gift stops.
        app.Time!.Advance(TimeSpan.FromDays(9));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin2@samenhier.nl");
        page = await Page.GetAsync(admin, "/beheer/donaties");
        read = await page.UploadAsync(admin, "handler=Returns", "ReturnFile", "camt054.xml", BankReturnTests.Camt054((ids["Cees"], "MD06", "2026-12-07")));
        Assert.Contains("1 geweigerde of teruggeboekte afschrijvingen verwerkt, 1 giften gestopt", read.Document.QuerySelector("#run-made")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["29 november 2026|SH-20261120-ANNA|Anna|€ 10,00|Geweigerd|onvoldoende saldo (AM04)|Gift loopt door",
             "29 november 2026|SH-20261125-BRAM|Bram|€ 50,00|Geweigerd|onvoldoende saldo (AM04)|Gift gestopt",
             "7 december 2026|SH-20261120-CEES|Cees|€ 20,00|Teruggeboekt|teruggeboekt op verzoek van de rekeninghouder (MD06)|Gift gestopt"],
            read.Document.QuerySelectorAll("#returns tbody tr").Select(r => string.Join('|', r.Children.Select(c => c.TextContent.Trim()))).Order(StringComparer.Ordinal));
        Assert.Contains("teruggeboekt op verzoek van de rekeninghouder (MD06)", (await SignUpJourney.MailToAsync(app, "cees@voorbeeld.nl"))[^1].TextBody, StringComparison.Ordinal);

        // Cees's own page says why; a refused or returned debit is no gift in the yearly statement.
        var client = app.Client();
        var mine = await Page.GetAsync(client, $"/doneren/wijzigen?code={cees}");
        Assert.Equal("Gestopt", mine.Document.QuerySelector("#donation-status")!.TextContent.Trim());
        Assert.Contains("teruggeboekt op verzoek van de rekeninghouder (MD06)", mine.Document.QuerySelector("#stopped-by-bank")!.TextContent, StringComparison.Ordinal);
        Assert.Null(mine.Document.QuerySelector("#statements"));
        Assert.Null((await Page.GetAsync(client, $"/doneren/wijzigen?code={anna}")).Document.QuerySelector("#statements"));
        Assert.NotNull((await Page.GetAsync(client, $"/doneren/wijzigen?code={dirk}")).Document.QuerySelector("#statements"));

        // At the end of the month Anna is collected as a first collection again (her first failed); Dirk as a later one.
        app.Time.Advance(TimeSpan.FromDays(20));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin3@samenhier.nl");
        page = await Page.GetAsync(admin, "/beheer/donaties");
        await page.SubmitAsync(admin, [new("CollectionDate", "2026-12-31")], "handler=Run");
        Assert.Equal(
            ["Anna First", "Dirk Recurring"],
            (await app.WithDbAsync(db => db.Collections.Where(c => c.CollectionDate == new DateOnly(2026, 12, 31)).Select(c => new { c.Donation!.DonorName, c.Sequence }).ToListAsync()))
                .Select(c => $"{c.DonorName} {c.Sequence}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFileThatIsNotTheBanksAnswer_GetsAClearMessage_AndAWholeFileRefusedIsSaid()
    {
        await using var app = new AppFactory(Provider.Sqlite);
        await SeedAsync(app, "Anna", 1000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var page = await Page.GetAsync(admin, "/beheer/donaties");

        var wrong = await page.UploadAsync(admin, "handler=Returns", "ReturnFile", "leeg.xml", []);
        Assert.Equal(["Kies het bestand van de bank (pain.002, camt.053 of camt.054)."], wrong.Errors);
        wrong = await wrong.UploadAsync(admin, "handler=Returns", "ReturnFile", "brief.xml", "Beste bank,"u8.ToArray());
        Assert.Equal(["Dit bestand is geen leesbare XML. Kies het bestand zoals de bank het gaf."], wrong.Errors);
        Assert.Equal("true", wrong.Document.QuerySelector("#ReturnFile")!.GetAttribute("aria-invalid"));

        var made = await wrong.SubmitAsync(admin, [new("CollectionDate", "2026-12-01")], "handler=Run");
        var run = await app.WithDbAsync(db => db.CollectionRuns.SingleAsync());
        wrong = await made.UploadAsync(admin, "handler=Returns", "ReturnFile", "incasso.xml", Encoding.UTF8.GetBytes(run.Xml));
        Assert.Equal(["Dit is geen statusrapport (pain.002) en geen afschrift of notificatie (camt.053 of camt.054)."], wrong.Errors);

        wrong = await wrong.UploadAsync(admin, "handler=Returns", "ReturnFile", "pain002.xml", BankReturnTests.Pain002(run.MessageId, "RJCT"));
        Assert.Equal(["De bank heeft het hele incassobestand van 1 december 2026 geweigerd (bestand onjuist opgemaakt (FF01)): er is niets afgeschreven. Annuleer het bestand hieronder en maak het opnieuw."], wrong.Errors);
        Assert.NotNull(wrong.Document.QuerySelector("#cancel-run"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Collections.CountAsync(c => c.FailedOn != null)));
    }

    [Fact]
    public async Task ADonor_MovesTheMandateToAnotherAccount_AndTheNextCollectionsTellTheBank()
    {
        await using var app = new AppFactory(Provider.Sqlite);
        var anna = await SeedAsync(app, "Anna", 1000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await (await Page.GetAsync(admin, "/beheer/donaties")).SubmitAsync(admin, [new("CollectionDate", "2026-12-01")], "handler=Run");

        // Bad input is explained and kept.
        var client = app.Client();
        var mine = await Page.GetAsync(client, $"/doneren/wijzigen?code={anna}");
        var wrong = await mine.SubmitAsync(client, [new("Account.AccountHolder", "A. Jansen"), new("Account.Iban", "NL91 ABNA 0417 1643 00"), new("Account.Mandate", "yes")], "handler=Account");
        Assert.Equal(["Dit is de rekening waarvan we al afschrijven. Vul het nieuwe rekeningnummer in."], wrong.Errors);
        wrong = await wrong.SubmitAsync(client, [new("Account.AccountHolder", "A. Jansen"), new("Account.Iban", "NL03 ABNA 0123 4567 89"), new("Account.Mandate", "")], "handler=Account");
        Assert.Equal(2, wrong.Errors.Count);
        Assert.Equal("NL03 ABNA 0123 4567 89", wrong.Value("Account.Iban"));
        Assert.Equal("A. Jansen", wrong.Value("Account.AccountHolder"));
        Assert.Equal("10,00", wrong.Value("Amount"));

        // Another account at the same bank: confirmed by e-mail, the next collection names the old account.
        var moved = await wrong.SubmitAsync(client, [new("Account.AccountHolder", "A. Jansen"), new("Account.Iban", "NL02 ABNA 0123 4567 89"), new("Account.Mandate", "yes")], "handler=Account");
        Assert.Contains("nieuwe rekening", moved.Document.QuerySelector("#donation-done")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("NL•• •••• 6789", moved.Document.QuerySelector("#donation-account")!.TextContent.Trim());
        var mail = (await SignUpJourney.MailToAsync(app, "anna@voorbeeld.nl"))[^1];
        Assert.Equal("Je gift komt van een andere rekening", mail.Subject);
        Assert.Contains("rekening NL•• •••• 6789", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", mail.TextBody, StringComparison.Ordinal);

        app.Time!.Advance(TimeSpan.FromDays(28));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin2@samenhier.nl");
        XNamespace ns = SepaDirectDebit.Namespace;
        var file = await MakeFileAsync(app, admin, "2026-12-30");
        Assert.Equal("RCUR", file.Descendants(ns + "SeqTp").Single().Value);
        Assert.Equal("NL91ABNA0417164300", file.Descendants(ns + "OrgnlDbtrAcct").Single().Value);
        Assert.Equal("NL02ABNA0123456789", file.Descendants(ns + "DbtrAcct").Single().Value);
        Assert.Equal("A. Jansen", file.Descendants(ns + "Dbtr").Single().Value);

        // Cancelled, the file gives the amendment back to the gift; made again, it carries it again.
        var cancelled = await (await Page.GetAsync(admin, "/beheer/donaties")).SubmitAsync(admin, [], "handler=Cancel");
        Assert.Contains("geannuleerd", cancelled.Document.QuerySelector("#run-made")!.TextContent, StringComparison.Ordinal);
        file = await MakeFileAsync(app, admin, "2026-12-31");
        Assert.Equal("NL91ABNA0417164300", file.Descendants(ns + "OrgnlDbtrAcct").Single().Value);

        // Then to another bank: SMNDA and a first collection; the month after, a plain recurring one.
        mine = await Page.GetAsync(client, $"/doneren/wijzigen?code={anna}");
        await mine.SubmitAsync(client, [new("Account.AccountHolder", "A. Jansen"), new("Account.Iban", "NL44RABO0123456789"), new("Account.Mandate", "yes")], "handler=Account");
        app.Time.Advance(TimeSpan.FromDays(31));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin3@samenhier.nl");
        file = await MakeFileAsync(app, admin, "2027-02-01");
        Assert.Equal("FRST", file.Descendants(ns + "SeqTp").Single().Value);
        Assert.Equal("SMNDA", file.Descendants(ns + "OrgnlDbtrAgt").Single().Value);

        // The new bank refuses that first debit: the next file tells the bank of the move again.
        var refusal = BankReturnTests.Pain002(file.Descendants(ns + "MsgId").First().Value, "PART", (file.Descendants(ns + "EndToEndId").Single().Value, "RJCT", "AM04"));
        await (await Page.GetAsync(admin, "/beheer/donaties")).UploadAsync(admin, "handler=Returns", "ReturnFile", "pain002.xml", refusal);
        app.Time.Advance(TimeSpan.FromDays(28));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin4@samenhier.nl");
        file = await MakeFileAsync(app, admin, "2027-03-01");
        Assert.Equal("FRST", file.Descendants(ns + "SeqTp").Single().Value);
        Assert.Equal("SMNDA", file.Descendants(ns + "OrgnlDbtrAgt").Single().Value);

        // Once a debit went through at the new bank, a plain recurring one.
        app.Time.Advance(TimeSpan.FromDays(31));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin5@samenhier.nl");
        file = await MakeFileAsync(app, admin, "2027-04-01");
        Assert.Equal("RCUR", file.Descendants(ns + "SeqTp").Single().Value);
        Assert.Empty(file.Descendants(ns + "AmdmntInd"));
    }

    [Fact]
    public async Task ABlockRefusedAsAWhole_FailsItsDebitsOnly_AndAClosedOldAccountDoesNotStopAMovedGift()
    {
        await using var app = new AppFactory(Provider.Sqlite);
        var anna = await SeedAsync(app, "Anna", 1000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        await SeedAsync(app, "Bram", 5000, Frequency.Once, new DateOnly(2026, 11, 25));
        await SeedAsync(app, "Cees", 2000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var page = await (await Page.GetAsync(admin, "/beheer/donaties")).SubmitAsync(admin, [new("CollectionDate", "2026-12-01")], "handler=Run");
        var ids = await EndToEndIdsAsync(app, new DateOnly(2026, 12, 1));
        var messageId = await app.WithDbAsync(db => db.CollectionRuns.Select(r => r.MessageId).SingleAsync());

        // The file is partly accepted: its first block (the one-off gifts, OOFF) refused as a whole.
        var report = Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
              <CstmrPmtStsRpt>
                <GrpHdr><MsgId>STS-2</MsgId><CreDtTm>2026-11-30T08:00:00</CreDtTm></GrpHdr>
                <OrgnlGrpInfAndSts><OrgnlMsgId>{messageId}</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
                <OrgnlPmtInfAndSts><OrgnlPmtInfId>{messageId}-1</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts><StsRsnInf><Rsn><Cd>AM04</Cd></Rsn></StsRsnInf></OrgnlPmtInfAndSts>
                <OrgnlPmtInfAndSts><OrgnlPmtInfId>{messageId}-2</OrgnlPmtInfId><PmtInfSts>ACCP</PmtInfSts></OrgnlPmtInfAndSts>
              </CstmrPmtStsRpt>
            </Document>
            """);
        var read = await page.UploadAsync(admin, "handler=Returns", "ReturnFile", "pain002.xml", report);
        Assert.Contains("1 geweigerde of teruggeboekte afschrijvingen verwerkt, 1 giften gestopt", read.Document.QuerySelector("#run-made")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Anna ", "Bram AM04", "Cees "], (await app.WithDbAsync(db => db.Collections.Select(c => new { c.Donation!.DonorName, c.FailureCode }).ToListAsync()))
            .Select(c => $"{c.DonorName} {c.FailureCode}").Order(StringComparer.Ordinal));

        // Anna moves her gift to another bank; then her old account's debit comes back as closed: her gift goes on.
        var client = app.Client();
        await (await Page.GetAsync(client, $"/doneren/wijzigen?code={anna}")).SubmitAsync(client,
            [new("Account.AccountHolder", "A. Jansen"), new("Account.Iban", "NL44RABO0123456789"), new("Account.Mandate", "yes")], "handler=Account");
        app.Time!.Advance(TimeSpan.FromDays(8));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin2@samenhier.nl");
        await (await Page.GetAsync(admin, "/beheer/donaties")).UploadAsync(admin, "handler=Returns", "ReturnFile", "camt054.xml",
            BankReturnTests.Camt054((ids["Anna"], "AC04", "2026-12-07"), (ids["Cees"], "AC04", "2026-12-07")));
        var gifts = await app.WithDbAsync(db => db.Donations.ToDictionaryAsync(d => d.DonorName));
        Assert.Equal(DonationStatus.Active, gifts["Anna"].Status);
        Assert.Equal(DonationStatus.Stopped, gifts["Cees"].Status);
    }

    /// <summary>Makes the collection file for the day and returns it as the bank gets it.</summary>
    private static async Task<XDocument> MakeFileAsync(AppFactory app, HttpClient admin, string day)
    {
        var made = await (await Page.GetAsync(admin, "/beheer/donaties")).SubmitAsync(admin, [new("CollectionDate", day)], "handler=Run");
        Assert.True(made.Document.QuerySelector("#run-made") is not null, string.Join(" | ", made.Errors));
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        return XDocument.Parse(await app.WithDbAsync(db => db.CollectionRuns.Where(r => r.CollectionDate == date && r.CancelledAt == null).Select(r => r.Xml).SingleAsync()));
    }
}
