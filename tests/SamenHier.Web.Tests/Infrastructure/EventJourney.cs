using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>Community events over HTTP: staff plan them on their form, people answer on /activiteiten.</summary>
public static class EventJourney
{
    /// <summary>The coordinator's form, filled: a Den Haag event; returns the page after saving.</summary>
    public static async Task<Page> PlanAsync(HttpClient coordinator, AppFactory app, string title, string date, string start, string end,
        string capacity = "", string weeks = "1", bool isPublic = false, string city = "den-haag", string accessibility = "Drempelvrij, met invalidentoilet")
    {
        var cityId = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == city).Select(c => c.Id).SingleAsync());
        var form = await Page.GetAsync(coordinator, "/beheer/activiteiten");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("City", cityId.ToString(CultureInfo.InvariantCulture)), new("Title", title), new("Description", "Samen eten en kennismaken."),
            new("Date", date), new("Start", start), new("End", end), new("Place", "Buurthuis De Kroon, Den Haag"), new("Capacity", capacity),
            new("Languages", "nl"), new("Languages", "ar"), new("Accessibility", accessibility), new("Weeks", weeks),
        };
        if (isPublic)
        {
            fields.Add(new("Public", "yes"));
        }

        return await form.SubmitAsync(coordinator, fields);
    }

    public static Task<Guid> IdAsync(AppFactory app, string title) =>
        app.WithDbAsync(db => db.CommunityEvents.Where(e => e.Title == title).OrderBy(e => e.StartsAt).Select(e => e.Id).FirstAsync());

    /// <summary>A person answers for their household on /activiteiten: how many people come.</summary>
    public static async Task<Page> RsvpAsync(HttpClient person, Guid id, int people)
    {
        var page = await Page.GetAsync(person, "/activiteiten");
        return await page.SubmitAsync(person, [new("people", people.ToString(CultureInfo.InvariantCulture))], ActionOf(page, id, "Rsvp"));
    }

    /// <summary>The action of the form for this event and handler ("Rsvp", "Cancel").</summary>
    public static string ActionOf(Page page, Guid id, string handler) =>
        page.Document.QuerySelectorAll("form").Select(f => f.GetAttribute("action") ?? "")
            .Single(a => a.Contains($"handler={handler}", StringComparison.Ordinal) && a.Contains(id.ToString(), StringComparison.Ordinal));
}
