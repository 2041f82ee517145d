using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Stories;

/// <summary>Participants' stories: written by national staff in both languages, shown only while published and within the consent recorded for them.</summary>
public sealed class StoryTests
{
    private static (string, string)[] Story(string ends = "2027-11-30", string published = "yes") =>
    [
        ("Input.TitleNl", "Een jaar met Familie Haile"), ("Input.BodyNl", "We leerden elkaar kennen bij de koffie.\n\nNu fietsen we samen."),
        ("Input.TitleEn", "A year with the Haile family"), ("Input.BodyEn", "We met over coffee.\n\nNow we cycle together."),
        ("Input.ConsentFrom", "Familie Haile en groep Haarlem-Noord"), ("Input.ConsentGivenOn", "2026-11-20"), ("Input.ConsentEndsOn", ends), ("Input.Published", published),
    ];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task APublishedStory_ShowsInDutchAndEnglish_OnlyWhileItsConsentLasts(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var saved = await (await Page.GetAsync(admin, "/beheer/verhalen")).SubmitAsync(admin, Story(ends: "2026-12-31"));
        Assert.NotNull(saved.Document.QuerySelector("#story-saved"));
        var story = await app.WithDbAsync(db => db.Stories.SingleAsync());
        Assert.Equal("een-jaar-met-familie-haile", story.Slug);

        var visitor = app.Client();
        var list = await Page.GetAsync(visitor, "/verhalen");
        Assert.Equal(["Een jaar met Familie Haile"], list.Document.QuerySelectorAll("#stories h2").Select(h => h.TextContent.Trim()));
        var page = await Page.GetAsync(visitor, "/verhalen/een-jaar-met-familie-haile");
        Assert.Equal(["We leerden elkaar kennen bij de koffie.", "Nu fietsen we samen."], page.Document.QuerySelectorAll("#story p").Select(p => p.TextContent.Trim()));

        // In English for a reader who chose English.
        var english = app.Client();
        await english.GetAsync("/taal/en?terug=/verhalen");
        Assert.Equal("A year with the Haile family", (await Page.GetAsync(english, "/verhalen/een-jaar-met-familie-haile")).Document.QuerySelector("h1")!.TextContent.Trim());

        // The day after the consent ends it is gone, without anyone taking it down.
        app.Time!.Advance(TimeSpan.FromDays(33));
        Assert.NotNull((await Page.GetAsync(visitor, "/verhalen")).Document.QuerySelector("#stories-none"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/verhalen/een-jaar-met-familie-haile")).StatusCode);
    }

    [Fact]
    public async Task AnUnpublishedStory_IsNotShown_AndBadInputIsExplainedAndKept()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var form = await Page.GetAsync(admin, "/beheer/verhalen");
        var wrong = await form.SubmitAsync(admin, ("Input.TitleNl", "Samen fietsen"), ("Input.BodyNl", "Tekst."), ("Input.TitleEn", ""), ("Input.BodyEn", "Text."),
            ("Input.ConsentFrom", "Ahmed"), ("Input.ConsentGivenOn", "2026-12-10"), ("Input.ConsentEndsOn", "2026-12-01"));
        Assert.Equal(["Vul een titel in.", "De toestemming kan niet later dan vandaag gegeven zijn.", "De toestemming kan niet eindigen voordat ze gegeven is."], wrong.Errors);
        Assert.Equal("Samen fietsen", wrong.Value("Input.TitleNl"));
        Assert.Equal("2026-12-10", wrong.Value("Input.ConsentGivenOn"));

        await form.SubmitAsync(admin, Story(published: ""));
        Assert.NotNull((await Page.GetAsync(app.Client(), "/verhalen")).Document.QuerySelector("#stories-none"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/verhalen/een-jaar-met-familie-haile")).StatusCode);

        // Unpublished, its address follows its title: the family's name taken out of the title leaves the address.
        var id = await app.WithDbAsync(db => db.Stories.Select(s => s.Id).SingleAsync());
        var edit = await Page.GetAsync(admin, $"/beheer/verhalen/{id}");
        Assert.NotNull((await edit.SubmitAsync(admin, ("Input.TitleNl", "Een jaar samen"))).Document.QuerySelector("#story-saved"));
        Assert.Equal("een-jaar-samen", await app.WithDbAsync(db => db.Stories.Select(s => s.Slug).SingleAsync()));
    }
}
