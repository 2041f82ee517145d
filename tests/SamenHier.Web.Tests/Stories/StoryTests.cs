using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Features.Privacy;
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

    [Fact]
    public async Task AStoryWhoseConsentIsWithdrawn_IsDeleted_TextAndAll_AndTheAuditTrailKeepsOnlyThatItWas()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await (await Page.GetAsync(admin, "/beheer/verhalen")).SubmitAsync(admin, Story(published: ""));
        var id = await app.WithDbAsync(db => db.Stories.Select(s => s.Id).SingleAsync());
        var edit = await Page.GetAsync(admin, $"/beheer/verhalen/{id}");
        await edit.SubmitAsync(admin, ("Input.Published", "yes"));
        edit = await Page.GetAsync(admin, $"/beheer/verhalen/{id}");
        await edit.SubmitAsync(admin, ("Input.BodyEn", "We met over tea."));
        Assert.Equal(
            ["Created:TitleNl,BodyNl,TitleEn,BodyEn,ConsentFrom,ConsentGivenOn,ConsentEndsOn,Published", "Published:Published", "Changed:BodyEn"],
            await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Subject == "story").OrderBy(a => a.Id).Select(a => a.Kind + ":" + a.Fields).ToListAsync()));

        // Not without the confirmation; with it, gone from the site and the database.
        edit = await Page.GetAsync(admin, $"/beheer/verhalen/{id}");
        var unconfirmed = await edit.SubmitAsync(admin, [], "handler=Delete");
        Assert.Equal(["Bevestig dat het verhaal weg mag, tekst en al."], unconfirmed.Errors);
        Assert.Equal("Een jaar met Familie Haile", unconfirmed.Value("Input.TitleNl"));
        var deleted = await unconfirmed.SubmitAsync(admin, [new("DeleteConfirm", "yes")], "handler=Delete");
        Assert.True(deleted.Document.QuerySelector("#story-deleted") is not null, $"{deleted.Path} {deleted.Status} {string.Join("|", deleted.Errors)}");
        Assert.Equal(0, await app.WithDbAsync(db => db.Stories.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/verhalen/een-jaar-met-familie-haile")).StatusCode);
        var trail = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Subject == "story").OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
        Assert.Equal("Deleted", trail[^1]);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => (a.Fields ?? "").Contains("Haile"))));
    }

    [Fact]
    public async Task AStory_IsDeletedByTheRetentionJob_ThreeMonthsAfterItsConsentEnded()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await (await Page.GetAsync(admin, "/beheer/verhalen")).SubmitAsync(admin, Story(ends: "2026-12-31"));
        var form = await Page.GetAsync(admin, "/beheer/verhalen");
        await form.SubmitAsync(admin, [.. Story(ends: "2027-02-28").Select(f => f.Item1 == "Input.TitleNl" ? ("Input.TitleNl", "Samen koken") : f).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);

        // 1 April 2027: the first consent ended three months and a day ago, the second a month ago.
        app.Time!.Advance(TimeSpan.FromDays(123));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Erasure>().ApplyRetentionAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(["samen-koken"], await app.WithDbAsync(db => db.Stories.Select(s => s.Slug).ToListAsync()));
    }
}
