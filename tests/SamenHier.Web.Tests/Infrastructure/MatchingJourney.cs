using Microsoft.EntityFrameworkCore;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>Matching in the back office, as a coordinator does it.</summary>
public static class MatchingJourney
{
    /// <summary>Invites a community builder for the city and sets their languages and capacity. Returns their id and signed-in client.</summary>
    public static async Task<(Guid Id, HttpClient Client)> BuilderAsync(AppFactory app, HttpClient admin, string email, string city, string languages, int capacity)
    {
        var client = await StaffJourney.InviteAsync(app, admin, email, "CommunityBuilder", city);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var profile = await Page.GetAsync(admin, $"/beheer/community-bouwers/{id}");
        var fields = new List<(string, string)> { ("Input.Capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        fields.AddRange(languages.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(l => ("Input.Languages", l)));
        var saved = await profile.SubmitAsync(admin, [.. fields]);
        Assert.Empty(saved.Errors);
        return (id, client);
    }

    /// <summary>A sponsor group, complete and made ready, that can take a household needing a wheelchair.</summary>
    public static async Task<Guid> ReadyGroupAsync(AppFactory app, HttpClient coordinator, string prefix, string city = "den-haag", string name = "Groep")
    {
        var group = await StaffJourney.CompleteGroupAsync(app, prefix, city: city, type: "Sponsor", groupName: name);
        await StaffJourney.MakeReadyAsync(app, coordinator, group, 6, "wheelchair");
        return group;
    }

    /// <summary>Runs matching for the cities from the matching page; returns the run's page.</summary>
    public static async Task<Page> RunAsync(HttpClient client, AppFactory app, params string[] cities)
    {
        var ids = await app.WithDbAsync(db => db.Cities.Where(c => cities.Contains(c.Slug)).Select(c => c.Id).ToListAsync());
        var page = await Page.GetAsync(client, "/beheer/koppelen");
        var run = await page.SubmitAsync(client, ids.Select(id => new KeyValuePair<string, string>("Cities", id.ToString(System.Globalization.CultureInfo.InvariantCulture))), "handler=Run");
        Assert.Matches(@"^/beheer/koppelen/[0-9a-f\-]{36}$", run.Path);
        return run;
    }

    /// <summary>The section of the run page for the proposal of this household.</summary>
    public static AngleSharp.Dom.IElement Proposal(Page run, string household) =>
        run.Document.QuerySelectorAll("section.sh-proposal").Single(s => s.QuerySelector("h3")!.TextContent.StartsWith(household, StringComparison.Ordinal));

    /// <summary>Posts the form whose action has every one of <paramref name="parts"/> (in any order), for example "handler=Pin", "group=…".</summary>
    public static Task<Page> PostAsync(Page page, HttpClient client, params string[] parts)
    {
        var action = page.Document.QuerySelectorAll("form").Select(f => f.GetAttribute("action") ?? "")
            .First(a => parts.All(p => a.Contains(p, StringComparison.Ordinal)));
        return page.SubmitAsync(client, [], action);
    }
}
