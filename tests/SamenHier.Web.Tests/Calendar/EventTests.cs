using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Calendar;

/// <summary>Community events: households answer with how many come, within the places left; staff change and cancel them, and everyone coming hears in their language.</summary>
public sealed class EventTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Households_AnswerWithTheirNumber_WithinThePlacesLeft_AndHearWhenItIsCancelled(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await StaffJourney.CompleteGroupAsync(app, "dh");
        await StaffJourney.CompleteGroupAsync(app, "rd", city: "rotterdam", type: "Sponsor");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "dh@samenhier.nl", "Coordinator", "den-haag");
        await NewcomerJourney.AddAsync(coordinator, app, "Familie Haddad", "den-haag", email: "haddad@voorbeeld.nl");

        // The form keeps what was typed when something is wrong.
        var wrong = await EventJourney.PlanAsync(coordinator, app, "Buurtmaaltijd", "2027-01-20", "18:00", "17:00", capacity: "vijf", accessibility: "");
        Assert.Equal(
            ["De eindtijd moet na de begintijd liggen.", "Vul het aantal plaatsen in als een heel getal van 1 tot en met 5000, of laat het leeg als er geen grens is.", "Vertel hoe toegankelijk de plek is (bijvoorbeeld: drempelvrij, lift, invalidentoilet, ringleiding)."],
            wrong.Errors);
        Assert.Equal("vijf", wrong.Value("Capacity"));
        Assert.Equal("Buurtmaaltijd", wrong.Value("Title"));
        // Earlier today (it is 10:00 in The Hague) is past.
        Assert.Equal(["Dit tijdstip is al voorbij. Kies een tijd die nog komt."], (await EventJourney.PlanAsync(coordinator, app, "Ontbijt", "2026-11-29", "08:00", "09:00")).Errors);
        Assert.Empty((await EventJourney.PlanAsync(coordinator, app, "Buurtmaaltijd", "2027-01-20", "18:00", "20:00", capacity: "5")).Errors);
        var id = await EventJourney.IdAsync(app, "Buurtmaaltijd");

        // The newcomer answers for three; a member then asks for three of the two places left, and is told so.
        var newcomer = await MemberJourney.SignInAsync(app, "haddad@voorbeeld.nl", "/nieuwkomer");
        await newcomer.GetAsync("/taal/nl");
        Assert.Contains("U bent aangemeld.", (await EventJourney.RsvpAsync(newcomer, id, 3)).Text);
        var member = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        var full = await EventJourney.RsvpAsync(member, id, 3);
        Assert.Equal(["Er zijn nog maar 2 plaatsen. Kies een kleiner aantal."], full.Errors);
        Assert.Equal("3", ((AngleSharp.Html.Dom.IHtmlSelectElement)full.Document.QuerySelector($"#People_{id:N}")!).Value);
        Assert.Contains("U bent aangemeld.", (await EventJourney.RsvpAsync(member, id, 2)).Text);
        Assert.Contains("U komt met 2 personen.", (await Page.GetAsync(member, "/activiteiten")).Document.QuerySelector($"#activiteit-{id}")!.TextContent);
        Assert.Equal(5, await app.WithDbAsync(db => db.EventRsvps.Where(r => r.EventId == id && r.CancelledAt == null).SumAsync(r => r.People)));

        // A training session's calendar file is for the members it is open to, not for a newcomer.
        var session = await TrainingJourney.ScheduleAsync(coordinator, app, "2027-01-14", "19:30", capacity: 10);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await member.GetAsync($"/agenda/training/{session}.ics")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await newcomer.GetAsync($"/agenda/training/{session}.ics")).StatusCode);

        // People of another city do not see it, and cannot answer for it.
        var elsewhere = await MemberJourney.SignInAsync(app, "rd1@voorbeeld.nl");
        Assert.DoesNotContain("Buurtmaaltijd", (await Page.GetAsync(elsewhere, "/activiteiten")).Text);
        using (var refused = await elsewhere.PostAsync($"/activiteiten?handler=Rsvp&id={id}", new FormUrlEncodedContent([new("people", "1")])))
        {
            Assert.NotEqual(System.Net.HttpStatusCode.OK, refused.StatusCode);
        }

        // The coordinator sees who comes, and cannot lower the places below that.
        var detail = await Page.GetAsync(coordinator, $"/beheer/activiteiten/{id}");
        Assert.Contains("Aanmeldingen: 2 · mensen: 5", detail.Document.QuerySelector("#count")!.TextContent);
        var lower = await detail.SubmitAsync(coordinator, [new("Capacity", "4")], "handler=Change");
        Assert.Equal(["Er komen al 5 mensen. Kies minstens 5 plaatsen."], lower.Errors);

        // Cancelled: everyone coming hears, each in their own language, and it shows in their notifications.
        await detail.SubmitAsync(coordinator, [], "handler=Cancel");
        var toMember = Assert.Single(await SignUpJourney.MailToAsync(app, "dh1@voorbeeld.nl"), m => m.Subject.StartsWith("Afgezegd", StringComparison.Ordinal));
        Assert.Equal("Afgezegd: Buurtmaaltijd", toMember.Subject);
        var toNewcomer = (await SignUpJourney.MailToAsync(app, "haddad@voorbeeld.nl")).Where(m => m.Subject.Contains("Buurtmaaltijd", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, toNewcomer.Count); // signed up, cancelled
        Assert.All(toNewcomer, m => Assert.Equal("ar", m.Language));
        Assert.DoesNotContain(toNewcomer, m => m.Subject.StartsWith("Afgezegd", StringComparison.Ordinal));
        var list = await Page.GetAsync(member, "/meldingen");
        Assert.Equal(["Afgezegd: Buurtmaaltijd", "Aangemeld: Buurtmaaltijd"], list.Document.QuerySelectorAll("#notifications .sh-task__title a").Select(a => a.TextContent));
        Assert.Contains("geannuleerd", (await Page.GetAsync(member, "/activiteiten")).Document.QuerySelector($"#activiteit-{id}")!.TextContent);
    }

    [Fact]
    public async Task MovingAnEvent_TellsEveryoneComing_AndTheirCalendarsTakeIt()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        Assert.Empty((await EventJourney.PlanAsync(admin, app, "Picknick", "2027-05-02", "12:00", "15:00")).Errors);
        var id = await EventJourney.IdAsync(app, "Picknick");
        var member = await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl");
        await EventJourney.RsvpAsync(member, id, 4);

        var detail = await Page.GetAsync(admin, $"/beheer/activiteiten/{id}");
        Assert.Empty((await detail.SubmitAsync(admin, [new("Place", "Zuiderpark, bij de vijver")], "handler=Change")).Errors);
        var changed = Assert.Single(await SignUpJourney.MailToAsync(app, "dh2@voorbeeld.nl"), m => m.Subject == "Gewijzigd: Picknick");
        Assert.Contains("Zuiderpark, bij de vijver", changed.TextBody);
        Assert.Contains("met 4 personen", changed.TextBody);
        var e = await app.WithDbAsync(db => db.CommunityEvents.SingleAsync(x => x.Id == id));
        Assert.Equal(1, e.Sequence);
        var ics = await member.GetStringAsync($"/agenda/activiteit/{id}.ics");
        Assert.Contains("SEQUENCE:1", ics);
        Assert.Contains("Zuiderpark", ics);
    }
}
