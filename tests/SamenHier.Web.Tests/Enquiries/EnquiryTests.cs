using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Enquiries;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Enquiries;

/// <summary>
/// Offers of help, legacy questions, requests to start in a town and contact questions: each
/// reaches the right staff, who follow it up; bad input is explained and kept. Over HTTP, on SQLite
/// and PostgreSQL.
/// </summary>
public sealed partial class EnquiryTests
{
    [GeneratedRegex(@"/beheer/berichten/[0-9a-f-]{36}")]
    private static partial Regex InboxLink();

    private static (string, string)[] Space(string city = "haarlem") =>
    [
        ("Input.Offer", "Space"), ("Input.City", city), ("Input.SpacePlace", "Buurthuis De Ark, Schalkwijk"), ("Input.SpaceCapacity", "30"),
        ("Input.SpaceAccessibility", "yes"), ("Input.Name", "Harm Buurthuis"), ("Input.Email", "harm@voorbeeld.nl"), ("Input.Message", "Elke dinsdagavond vrij."),
    ];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task AnOfferOfASpaceInHaarlem_ReachesHaarlemsCoordinator_AndNotAlmeres(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var haarlem = await StaffJourney.InviteAsync(app, admin, "coord.haarlem@samenhier.nl", "Coordinator", "haarlem");
        var almere = await StaffJourney.InviteAsync(app, admin, "coord.almere@samenhier.nl", "Coordinator", "almere");

        var visitor = app.Client();
        var sent = await (await Page.GetAsync(visitor, "/helpen/aanbieden")).SubmitAsync(visitor, Space());
        Assert.NotNull(sent.Document.QuerySelector("#help-sent"));
        var enquiry = await app.WithDbAsync(db => db.Enquiries.Include(e => e.City).SingleAsync());
        Assert.Equal((EnquiryKind.Offer, OfferKind.Space, "Haarlem", 30, "yes", EnquiryStatus.New),
            (enquiry.Kind, enquiry.Offer!.Value, enquiry.City!.Name, enquiry.SpaceCapacity!.Value, enquiry.SpaceAccessibility, enquiry.Status));

        // Haarlem's coordinator is told there is something (never who or what); Almere's is not.
        var mail = Assert.Single(await SignUpJourney.MailToAsync(app, "coord.haarlem@samenhier.nl"), m => m.Subject == "Nieuw aanbod van hulp voor je stad");
        Assert.Matches(InboxLink(), mail.TextBody);
        Assert.DoesNotContain("Harm", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await SignUpJourney.MailToAsync(app, "coord.almere@samenhier.nl"), m => m.Subject.Contains("aanbod", StringComparison.Ordinal));

        var inbox = await Page.GetAsync(haarlem, "/beheer/berichten");
        Assert.Contains("Harm Buurthuis", inbox.Document.QuerySelector("#enquiries")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await Page.GetAsync(almere, "/beheer/berichten")).Document.QuerySelector("#inbox-empty"));
        Assert.Equal(HttpStatusCode.NotFound, (await almere.GetAsync($"/beheer/berichten/{enquiry.Id}")).StatusCode);
        // Nor can Almere's coordinator change it by posting to its address (with a form token of their own).
        var ownForm = await Page.GetAsync(almere, "/beheer/berichten");
        var token = ownForm.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await almere.PostAsync($"/beheer/berichten/{enquiry.Id}", new FormUrlEncodedContent(
            [new("Status", "Declined"), new("Version", enquiry.Version.ToString()), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(EnquiryStatus.New, await app.WithDbAsync(db => db.Enquiries.Select(e => e.Status).SingleAsync()));

        // Followed up: contacted, with a note; a save from a page that is out of date is refused with who changed it.
        var detail = await Page.GetAsync(haarlem, $"/beheer/berichten/{enquiry.Id}");
        Assert.Contains("Buurthuis De Ark, Schalkwijk", detail.Document.QuerySelector("#enquiry")!.TextContent, StringComparison.Ordinal);
        var stale = await Page.GetAsync(admin, $"/beheer/berichten/{enquiry.Id}");
        var saved = await detail.SubmitAsync(haarlem, ("Status", "Contacted"), ("Note", "Gebeld, dinsdag 8 december kijken."));
        Assert.NotNull(saved.Document.QuerySelector("#enquiry-saved"));
        var conflict = await stale.SubmitAsync(admin, ("Status", "Declined"));
        Assert.Single(conflict.Errors, e => e.StartsWith("Iemand anders heeft dit bericht net bijgewerkt", StringComparison.Ordinal));
        enquiry = await app.WithDbAsync(db => db.Enquiries.SingleAsync());
        Assert.Equal((EnquiryStatus.Contacted, "Gebeld, dinsdag 8 december kijken."), (enquiry.Status, enquiry.StaffNote));
        // The audit trail says who followed it up and which fields changed, never the note's text.
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Subject == "enquiry").Select(a => new { a.SubjectId, a.Kind, a.Fields }).SingleAsync());
        Assert.Equal((enquiry.Id.ToString("N"), "Status:Contacted", "Status,StaffNote"), (audit.SubjectId, audit.Kind, audit.Fields));

        // A status that is not one of an offer's is refused.
        var wrong = await saved.SubmitAsync(haarlem, ("Status", "Answered"));
        Assert.Equal(["Kies een stand."], wrong.Errors);
    }

    [Fact]
    public async Task Legacies_NewTowns_AndContactQuestions_AreForNationalStaff_NotForCoordinators()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coord.haarlem@samenhier.nl", "Coordinator", "haarlem");
        var visitor = app.Client();
        await (await Page.GetAsync(visitor, "/helpen/nalaten")).SubmitAsync(visitor, ("Input.Name", "Els Erflater"), ("Input.Email", "els@voorbeeld.nl"));
        await (await Page.GetAsync(visitor, "/helpen/starten")).SubmitAsync(visitor,
            ("Input.Town", "Zutphen"), ("Input.Requester", "Municipality"), ("Input.Organisation", "Gemeente Zutphen"), ("Input.Name", "Wethouder W."), ("Input.Email", "w@zutphen.example"), ("Input.Message", "Wij willen graag beginnen."));
        await (await Page.GetAsync(visitor, "/contact")).SubmitAsync(visitor, ("Input.Name", "Aisha"), ("Input.Email", "aisha@voorbeeld.nl"), ("Input.Subject", "Vraag"), ("Input.Message", "Hoe werkt het?"));

        var kinds = await app.WithDbAsync(db => db.Enquiries.OrderBy(e => e.Kind).Select(e => e.Kind).ToListAsync());
        Assert.Equal([EnquiryKind.Legacy, EnquiryKind.StartInTown, EnquiryKind.Contact], kinds);
        var programme = await SignUpJourney.MailToAsync(app, "info@samenhier.nl");
        Assert.Contains(programme, m => m.Subject == "Nieuwe vraag over nalaten");
        Assert.Contains(programme, m => m.Subject == "Nieuw verzoek om in een plaats te starten");

        var national = await Page.GetAsync(admin, "/beheer/berichten");
        Assert.Equal(3, national.Document.QuerySelectorAll("#enquiries tbody tr").Length);
        Assert.Contains("Zutphen", national.Document.QuerySelector("#enquiries")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await Page.GetAsync(coordinator, "/beheer/berichten")).Document.QuerySelector("#inbox-empty"));
        var legacy = await app.WithDbAsync(db => db.Enquiries.SingleAsync(e => e.Kind == EnquiryKind.Legacy));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/beheer/berichten/{legacy.Id}")).StatusCode);

        // Answered, it leaves the open list and is found under its status.
        var detail = await Page.GetAsync(admin, $"/beheer/berichten/{legacy.Id}");
        await detail.SubmitAsync(admin, ("Status", "Answered"));
        Assert.Equal(2, (await Page.GetAsync(admin, "/beheer/berichten")).Document.QuerySelectorAll("#enquiries tbody tr").Length);
        Assert.Single((await Page.GetAsync(admin, "/beheer/berichten?stand=Answered")).Document.QuerySelectorAll("#enquiries tbody tr"));
    }

    [Fact]
    public async Task BadInput_IsExplainedFieldByField_AndWhatWasTypedStays()
    {
        await using var app = new AppFactory();
        var visitor = app.Client();
        var page = await (await Page.GetAsync(visitor, "/helpen/aanbieden")).SubmitAsync(visitor,
            ("Input.Offer", "Space"), ("Input.City", "atlantis"), ("Input.SpacePlace", "Het dorpshuis"), ("Input.SpaceCapacity", "dertig"), ("Input.Name", "Harm"), ("Input.Email", "harm@"), ("Input.Message", "Een zaal."));
        Assert.Equal(
            [
                "Kies de stad waarvoor je het aanbiedt.",
                "Vul in voor hoeveel mensen de ruimte is, als getal (bijvoorbeeld 30).",
                "Kies of de ruimte toegankelijk is met een rolstoel.",
                "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
            ],
            page.Errors);
        Assert.Equal("dertig", page.Value("Input.SpaceCapacity"));
        Assert.Equal("Het dorpshuis", page.Value("Input.SpacePlace"));
        Assert.Equal("Een zaal.", page.Value("Input.Message"));

        page = await (await Page.GetAsync(visitor, "/helpen/starten")).SubmitAsync(visitor,
            ("Input.Town", ""), ("Input.Requester", "Organisation"), ("Input.Name", "Ria"), ("Input.Email", "ria@voorbeeld.nl"), ("Input.Message", "Graag!"));
        Assert.Equal(["Vul de plaats in.", "Vul de naam van de organisatie of gemeente in."], page.Errors);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enquiries.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/helpen/iets-anders")).StatusCode);
    }
}
