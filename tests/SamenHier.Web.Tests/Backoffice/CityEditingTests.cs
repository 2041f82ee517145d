using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Backoffice;

public sealed class CityEditingTests
{
    [Fact]
    public async Task NationalStaff_EditACity_AndThePublicSiteAndSignUpFollow()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var rotterdam = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "rotterdam").Select(c => c.Id).SingleAsync());
        var haarlem = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "haarlem").Select(c => c.Id).SingleAsync());

        var form = await Page.GetAsync(admin, $"/beheer/steden/{rotterdam}");
        var saved = await form.SubmitAsync(admin, ("Input.State", "Active"), ("Input.Open", "Sponsor"), ("Input.Open", "Welcome"), ("Input.ContactEmail", "rotterdam@samenhier.nl"));
        Assert.Contains("Opgeslagen.", saved.Text);
        var paused = await (await Page.GetAsync(admin, $"/beheer/steden/{haarlem}")).SubmitAsync(admin, ("Input.State", "Paused"));
        Assert.Empty(paused.Errors);

        var cities = await Page.GetAsync(app.Client(), "/steden");
        var rotterdamCard = cities.Document.QuerySelectorAll(".sh-card").Single(c => c.QuerySelector("h3")!.TextContent == "Rotterdam").TextContent;
        Assert.Contains("welkomgroep", rotterdamCard);
        Assert.Contains("rotterdam@samenhier.nl", rotterdamCard);
        Assert.DoesNotContain("Haarlem", cities.Document.QuerySelector("main")!.TextContent);

        var client = app.Client();
        var step = await (await Page.GetAsync(client, "/aanmelden/stad")).SubmitAsync(client, ("City", "rotterdam"));
        Assert.Equal(["Sponsor", "Welcome"], step.Document.QuerySelectorAll("input[name=GroupType]").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public async Task TwoPeopleEditingACity_TheSecondIsToldAndKeepsWhatTheyTyped()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var second = await StaffJourney.InviteAsync(app, admin, "tweede@samenhier.nl", "NationalStaff");
        var almere = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "almere").Select(c => c.Id).SingleAsync());

        var first = await Page.GetAsync(admin, $"/beheer/steden/{almere}");
        var other = await Page.GetAsync(second, $"/beheer/steden/{almere}");
        await first.SubmitAsync(admin, ("Input.Partner", "Vluchtelingenwerk Almere"));
        var conflict = await other.SubmitAsync(second, ("Input.Partner", "Een andere partner"));

        Assert.Contains("Iemand anders heeft deze stad net gewijzigd", conflict.Errors.Single());
        Assert.Contains("Gewijzigd door Beheerder op 29 nov 2026 10:00: partner.", conflict.Errors.Single());
        Assert.Equal("Een andere partner", conflict.Value("Input.Partner"));
        Assert.Equal("Vluchtelingenwerk Almere", await app.WithDbAsync(db => db.Cities.Where(c => c.Id == almere).Select(c => c.PartnerName).SingleAsync()));
    }

    [Fact]
    public async Task ACoordinator_CannotEditCities()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "co@samenhier.nl", "Coordinator", "almere");
        var almere = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "almere").Select(c => c.Id).SingleAsync());

        var cities = await Page.GetAsync(admin, "/beheer/steden");
        var almereCard = cities.Document.QuerySelectorAll(".sh-card").Single(c => c.QuerySelector("h2")!.TextContent == "Almere").TextContent;
        Assert.Contains("Coördinatoren: co", almereCard);
        var response = await coordinator.PostAsync($"/beheer/steden/{almere}", new FormUrlEncodedContent([new("Input.Name", "Gekaapt")]));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Almere", await app.WithDbAsync(db => db.Cities.Where(c => c.Id == almere).Select(c => c.Name).SingleAsync()));
    }
}
