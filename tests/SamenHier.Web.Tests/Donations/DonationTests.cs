using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Donations;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Donations;

/// <summary>
/// Giving through the public site, the donor's own link to change or stop it, and the collection
/// files national staff make for the bank — over HTTP, on SQLite and PostgreSQL.
/// </summary>
public sealed partial class DonationTests
{
    private static (string, string)[] Form(string amount = "25", string frequency = "Monthly", string city = "haarlem", string iban = "nl91 abna 0417 1643 00", string email = "gever@voorbeeld.nl") =>
    [
        ("Input.Amount", amount), ("Input.Frequency", frequency), ("Input.City", city), ("Input.Name", "Gerda Gever"), ("Input.Email", email),
        ("Input.AccountHolder", "G. Gever"), ("Input.Iban", iban), ("Input.Mandate", "yes"),
    ];

    [GeneratedRegex(@"/doneren/wijzigen\?code=[A-Za-z0-9_-]{43}")]
    private static partial Regex ManageLink();

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task AVisitor_GivesMonthlyForHaarlem_GetsTheMandateByEmail_AndChangesAndStopsItFromTheLink(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var client = app.Client();
        var thanks = await (await Page.GetAsync(client, "/doneren")).SubmitAsync(client, Form());
        Assert.NotNull(thanks.Document.QuerySelector("#donate-thanks"));

        var donation = await app.WithDbAsync(db => db.Donations.Include(d => d.City).SingleAsync());
        Assert.Equal(2500, donation.AmountCents);
        Assert.Equal(Frequency.Monthly, donation.Frequency);
        Assert.Equal("Haarlem", donation.City!.Name);
        Assert.Equal("NL91ABNA0417164300", donation.Iban);
        Assert.Matches("^SH-20261129-[A-HJ-NP-Z2-9]{8}$", donation.MandateId);
        Assert.Equal(new DateOnly(2026, 11, 29), donation.MandateSignedOn);
        // Not before the five days' notice the mandate text agrees, and not before the donor confirms.
        Assert.Equal(new DateOnly(2026, 12, 4), donation.NextCollectionOn);
        Assert.Equal(DonationStatus.Pending, donation.Status);

        // The mandate by e-mail: who collects, the reference, the account by its last digits only, and the link.
        var mail = Assert.Single(await SignUpJourney.MailToAsync(app, "gever@voorbeeld.nl"));
        Assert.Equal("Je gift aan Samen Hier", mail.Subject);
        foreach (var expected in new[] { "€ 25,00 per maand, voor Haarlem", "Incassant-ID: NL69ZZZ123456780000", $"Machtigingskenmerk: {donation.MandateId}", "Getekend op: 29 november 2026", "Rekening: NL•• •••• 4300",
            "Aankondiging van de afschrijvingen: € 25,00 op of na 4 december 2026, daarna elke maand rond de 4e." })
        {
            Assert.Contains(expected, mail.TextBody, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("0417164300", mail.TextBody, StringComparison.Ordinal);
        var link = ManageLink().Match(mail.TextBody).Value;
        Assert.NotEmpty(link);

        // The donor's page: the gift as it stands, to be confirmed first; a wrong amount is explained and kept.
        var page = await Page.GetAsync(client, link);
        Assert.Contains("€ 25,00 per maand, voor Haarlem", page.Document.QuerySelector("#donation-facts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Wacht op je bevestiging", page.Document.QuerySelector("#donation-status")!.TextContent.Trim());
        page = await page.SubmitAsync(client, [], "handler=Confirm");
        Assert.Equal("Loopt", page.Document.QuerySelector("#donation-status")!.TextContent.Trim());
        Assert.NotNull(await app.WithDbAsync(db => db.Donations.Select(d => d.ConfirmedAt).SingleAsync()));
        var wrong = await page.SubmitAsync(client, [new("Amount", "veel")], "handler=Change");
        Assert.Equal(["Vul een bedrag in euro in, bijvoorbeeld 12,50."], wrong.Errors);
        Assert.Equal("veel", wrong.Value("Amount"));
        var changed = await wrong.SubmitAsync(client, [new("Amount", "30"), new("Frequency", "Quarterly")], "handler=Change");
        Assert.NotNull(changed.Document.QuerySelector("#donation-done"));
        donation = await app.WithDbAsync(db => db.Donations.SingleAsync());
        Assert.Equal((3000, Frequency.Quarterly), (donation.AmountCents, donation.Frequency));
        Assert.Contains("€ 30,00 per kwartaal, voor Haarlem", (await SignUpJourney.MailToAsync(app, "gever@voorbeeld.nl"))[^1].TextBody, StringComparison.Ordinal);

        var stopped = await changed.SubmitAsync(client, [], "handler=Stop");
        Assert.Equal("Gestopt", stopped.Document.QuerySelector("#donation-status")!.TextContent.Trim());
        Assert.Null(stopped.Document.QuerySelector("#stop-donation"));
        Assert.Null(stopped.Document.QuerySelector("form[action*='handler=Change']"));
        Assert.Equal(DonationStatus.Stopped, await app.WithDbAsync(db => db.Donations.Select(d => d.Status).SingleAsync()));
        Assert.Equal("Je gift is gestopt", (await SignUpJourney.MailToAsync(app, "gever@voorbeeld.nl"))[^1].Subject);

        // A link that is not one of ours finds nothing.
        Assert.NotNull((await Page.GetAsync(client, "/doneren/wijzigen?code=" + new string('a', 43))).Document.QuerySelector("#donation-unknown"));
    }

    [Fact]
    public async Task BadInput_GetsAClearMessageForEachField_AndKeepsWhatWasTyped()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var form = await Page.GetAsync(client, "/doneren");
        var page = await form.SubmitAsync(client,
            ("Input.Amount", "other"), ("Input.OtherAmount", "twaalf"), ("Input.Frequency", "Monthly"), ("Input.City", ""),
            ("Input.Name", "Gerda Gever"), ("Input.Email", "gever@voorbeeld.nl"), ("Input.AccountHolder", "محمد"), ("Input.Iban", "NL92 ABNA 0417 1643 00"));

        Assert.Equal(
            [
                "Vul een bedrag in euro in, bijvoorbeeld 12,50.",
                "Vul de naam van de rekeninghouder in zoals die op je bankpas staat, in Latijnse letters.",
                "Dit IBAN klopt niet: waarschijnlijk is er een teken verkeerd getypt. Kijk het na op je bankpas of in je bankapp.",
                "Geef de machtiging, anders kunnen we je gift niet innen.",
            ],
            page.Errors);
        Assert.Equal("twaalf", page.Value("Input.OtherAmount"));
        Assert.Equal("NL92 ABNA 0417 1643 00", page.Value("Input.Iban"));
        Assert.Equal("Gerda Gever", page.Value("Input.Name"));
        Assert.Equal("محمد", page.Value("Input.AccountHolder"));

        // An account outside SEPA, and an amount under the minimum.
        page = await page.SubmitAsync(client, ("Input.Amount", "other"), ("Input.OtherAmount", "1,50"), ("Input.AccountHolder", "G. Gever"), ("Input.Iban", "US64SVBKUS6S3300958879"), ("Input.Mandate", "yes"));
        Assert.Equal(
            [
                "Vul een bedrag in van € 2 tot en met € 10000. Voor een grotere gift kun je contact met ons opnemen.",
                "Dit IBAN is niet van een land in de Europese Economische Ruimte (zoals NL, BE of DE). Van rekeningen daarbuiten, ook in Zwitserland en het Verenigd Koninkrijk, kunnen we niet incasseren.",
            ],
            page.Errors);
        Assert.Equal(0, await app.WithDbAsync(db => db.Donations.CountAsync()));
        Assert.Empty(await SignUpJourney.MailToAsync(app, "gever@voorbeeld.nl"));
    }

    /// <summary>A donation as the form makes it; returns the secret of its link.</summary>
    private static async Task<string> SeedAsync(AppFactory app, string name, long cents, Frequency frequency, DateOnly signed, DonationStatus status = DonationStatus.Active) =>
        await app.WithDbAsync(async db =>
        {
            var (token, hash) = SamenHier.Web.Infrastructure.Security.SecretToken.Create();
            var donation = new Donation
            {
                Id = Guid.NewGuid(),
                DonorName = name,
                DonorEmail = $"{name.ToLowerInvariant()}@voorbeeld.nl",
                Language = "nl",
                AmountCents = cents,
                Frequency = frequency,
                Status = status,
                AccountHolder = name,
                Iban = "NL91ABNA0417164300",
                MandateId = $"SH-{signed:yyyyMMdd}-{name.ToUpperInvariant()}",
                MandateSignedOn = signed,
                NextCollectionOn = signed,
                ScheduleAnchor = signed,
                CreatedAt = new DateTimeOffset(signed.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                ManageTokenHash = hash,
                Version = Guid.NewGuid(),
            };
            db.Donations.Add(donation);
            await db.SaveChangesAsync();
            return token;
        });

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task CollectionFiles_CollectTheFirstAndOneOffs_ThenRecurring_AndNoPeriodTwice(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var anna = await SeedAsync(app, "Anna", 1000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        await SeedAsync(app, "Bram", 5000, Frequency.Once, new DateOnly(2026, 11, 25));
        await SeedAsync(app, "Cees", 12000, Frequency.Yearly, new DateOnly(2026, 11, 28));
        await SeedAsync(app, "Dirk", 2000, Frequency.Monthly, new DateOnly(2026, 11, 1), DonationStatus.Stopped);
        await SeedAsync(app, "Eva", 2500, Frequency.Monthly, new DateOnly(2026, 11, 1), DonationStatus.Pending);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        // Sunday 29 November: two business days on is Tuesday 1 December.
        var page = await Page.GetAsync(admin, "/beheer/donaties");
        Assert.Equal("2026-12-01", page.Value("CollectionDate"));
        var wrong = await page.SubmitAsync(admin, [new("CollectionDate", "2026-12-05")], "handler=Run");
        Assert.Equal(["Op die dag is het betalingsverkeer dicht (weekend of feestdag). Kies een werkdag."], wrong.Errors);
        Assert.Equal("2026-12-05", wrong.Value("CollectionDate"));
        wrong = await wrong.SubmitAsync(admin, [new("CollectionDate", "2026-11-30")], "handler=Run");
        Assert.Equal(["Kies een incassodatum van 1 december 2026 tot en met 13 december 2026."], wrong.Errors);
        wrong = await wrong.SubmitAsync(admin, [new("CollectionDate", "2026-12-14")], "handler=Run");
        Assert.Equal(["Kies een incassodatum van 1 december 2026 tot en met 13 december 2026."], wrong.Errors);

        var made = await wrong.SubmitAsync(admin, [new("CollectionDate", "2026-12-01")], "handler=Run");
        Assert.Contains("3 afschrijvingen, samen € 180,00, op 1 december 2026", made.Document.QuerySelector("#run-made")!.TextContent, StringComparison.Ordinal);
        var run = await app.WithDbAsync(db => db.CollectionRuns.Include(r => r.Collections).ThenInclude(c => c.Donation).SingleAsync());
        Assert.Equal(
            ["Anna First 1000", "Bram OneOff 5000", "Cees First 12000"],
            run.Collections.Select(c => $"{c.Donation!.DonorName} {c.Sequence} {c.AmountCents}").Order(StringComparer.Ordinal));
        var donations = await app.WithDbAsync(db => db.Donations.ToDictionaryAsync(d => d.DonorName));
        Assert.Equal(new DateOnly(2026, 12, 20), donations["Anna"].NextCollectionOn);
        Assert.Equal(DonationStatus.Completed, donations["Bram"].Status);
        Assert.Equal(new DateOnly(2027, 11, 28), donations["Cees"].NextCollectionOn);

        // The file for the bank, recorded as an export.
        var response = await admin.GetAsync(made.Document.QuerySelector("#runs a")!.GetAttribute("href")!.Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var file = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = SepaDirectDebit.Namespace;
        Assert.Equal("3", file.Descendants(ns + "GrpHdr").Single().Element(ns + "NbOfTxs")!.Value);
        Assert.Equal("180.00", file.Descendants(ns + "GrpHdr").Single().Element(ns + "CtrlSum")!.Value);
        Assert.Equal(["OOFF", "FRST"], file.Descendants(ns + "SeqTp").Select(s => s.Value));
        Assert.DoesNotContain("Dirk", file.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Eva", file.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.ExportLogs.CountAsync(e => e.What == "sepa-collection" && e.Rows == 3)));

        // The same day again: nothing is due any more.
        var again = await made.SubmitAsync(admin, [new("CollectionDate", "2026-12-01")], "handler=Run");
        Assert.Equal(["Er is op die dag niets te innen: geen lopende gift is dan aan de beurt."], again.Errors);

        // A month on, Anna's second collection is RCUR; Cees's yearly one is not due yet.
        app.Time!.Advance(TimeSpan.FromDays(30));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin2@samenhier.nl");
        page = await Page.GetAsync(admin, "/beheer/donaties");
        made = await page.SubmitAsync(admin, [new("CollectionDate", "2026-12-31")], "handler=Run");
        Assert.Contains("1 afschrijvingen", made.Document.QuerySelector("#run-made")!.TextContent, StringComparison.Ordinal);
        var second = await app.WithDbAsync(db => db.CollectionRuns.Include(r => r.Collections).OrderBy(r => r.MessageId).ToListAsync());
        Assert.Equal(2, second.Count);
        Assert.Equal(SequenceType.Recurring, second.Single(r => r.CollectionDate == new DateOnly(2026, 12, 31)).Collections.Single().Sequence);

        // Anna's yearly statement (on 29 December): what was collected up to today, not the collection still to come.
        var client = app.Client();
        var manage = await Page.GetAsync(client, $"/doneren/wijzigen?code={anna}");
        Assert.Equal(["Jaaroverzicht 2026 (pdf)"], manage.Document.QuerySelectorAll("#statements a").Select(a => a.TextContent.Trim()));
        var statement = await client.GetAsync(manage.Document.QuerySelector("#statements a")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        Assert.Equal("application/pdf", statement.Content.Headers.ContentType!.MediaType);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await statement.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            foreach (var expected in new[] { "Jaaroverzicht giften 2026", "Stichting Samen Hier", "ANBI", "Voor: Anna", "1 december 2026", "Totaal € 10,00" })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("31 december", text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/doneren/wijzigen?handler=Statement&code={anna}&year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/doneren/wijzigen?handler=Statement&code={new string('b', 43)}&year=2026")).StatusCode);
    }

    [Fact]
    public async Task TwoCollectionFilesMadeAtOnce_NeverCollectAGiftTwice()
    {
        await using var app = new AppFactory(Provider.Postgres);
        for (var i = 0; i < 20; i++)
        {
            await SeedAsync(app, $"Gever{i:00}", 1000 + i, Frequency.Monthly, new DateOnly(2026, 11, 20));
        }

        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var forms = await Task.WhenAll(Page.GetAsync(admin, "/beheer/donaties"), Page.GetAsync(admin, "/beheer/donaties"));
        var results = await Task.WhenAll(forms.Select(f => f.SubmitAsync(admin, [new("CollectionDate", "2026-12-01")], "handler=Run")));

        Assert.Single(results, r => r.Document.QuerySelector("#run-made") is not null);
        Assert.Equal(20, await app.WithDbAsync(db => db.Collections.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.CollectionRuns.CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task ACancelledFile_PutsItsGiftsBack_AndADonorWhoStopsIsToldWhatIsStillCollected(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var anna = await SeedAsync(app, "Anna", 1000, Frequency.Monthly, new DateOnly(2026, 11, 20));
        await SeedAsync(app, "Bram", 5000, Frequency.Once, new DateOnly(2026, 11, 25));
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var page = await Page.GetAsync(admin, "/beheer/donaties");
        var made = await page.SubmitAsync(admin, [new("CollectionDate", "2026-12-03")], "handler=Run");
        Assert.NotNull(made.Document.QuerySelector("#run-made"));

        // Anna's page tells her the collection of 3 December is in a file already (stopping would not undo it).
        var client = app.Client();
        var mine = await Page.GetAsync(client, $"/doneren/wijzigen?code={anna}");
        Assert.Contains("Op die dag wordt nog € 10,00 afgeschreven", mine.Document.QuerySelector("#still-collected")!.TextContent, StringComparison.Ordinal);

        // The bank refuses the file: staff cancel it before its date, and both gifts are due again as before.
        var cancelled = await made.SubmitAsync(admin, [], "handler=Cancel");
        Assert.Contains("geannuleerd", cancelled.Document.QuerySelector("#run-made")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Geannuleerd", cancelled.Document.QuerySelector("#runs tbody td:last-child")!.TextContent.Trim());
        Assert.Null(cancelled.Document.QuerySelector("#cancel-run"));
        var donations = await app.WithDbAsync(db => db.Donations.ToDictionaryAsync(d => d.DonorName));
        Assert.Equal((DonationStatus.Active, new DateOnly(2026, 11, 20)), (donations["Anna"].Status, donations["Anna"].NextCollectionOn));
        Assert.Equal(DonationStatus.Active, donations["Bram"].Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.Collections.CountAsync()));
        Assert.Null((await Page.GetAsync(client, $"/doneren/wijzigen?code={anna}")).Document.QuerySelector("#still-collected"));

        // The next file collects them again, Anna still as her first collection.
        made = await cancelled.SubmitAsync(admin, [new("CollectionDate", "2026-12-04")], "handler=Run");
        Assert.Contains("2 afschrijvingen", made.Document.QuerySelector("#run-made")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([SequenceType.First, SequenceType.OneOff], await app.WithDbAsync(db => db.Collections.OrderBy(c => c.Sequence == SequenceType.OneOff).Select(c => c.Sequence).ToListAsync()));

        // A file whose date has come can no longer be cancelled.
        app.Time!.Advance(TimeSpan.FromDays(5));
        (admin, _) = await StaffJourney.CreateAdminAsync(app, "admin2@samenhier.nl");
        Assert.Null((await Page.GetAsync(admin, "/beheer/donaties")).Document.QuerySelector("#cancel-run"));

        // Stopping now: nothing is still to come, and the stop is confirmed.
        mine = await Page.GetAsync(client, $"/doneren/wijzigen?code={anna}");
        await mine.SubmitAsync(client, [], "handler=Stop");
        var mail = (await SignUpJourney.MailToAsync(app, "anna@voorbeeld.nl"))[^1];
        Assert.Equal("Je gift is gestopt", mail.Subject);
        Assert.DoesNotContain("wordt nog", mail.TextBody, StringComparison.Ordinal);
    }
}
