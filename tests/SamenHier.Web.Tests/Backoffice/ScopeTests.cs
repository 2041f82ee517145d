using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Backoffice;

/// <summary>A coordinator of one city never reaches another city's groups: not by page, id, search, count or export.</summary>
public sealed class ScopeTests
{
    [Fact]
    public async Task ARotterdamCoordinator_NeverSeesAnythingOfDenHaag()
    {
        await using var app = new AppFactory();
        var denHaag = await StaffJourney.CompleteGroupAsync(app, "geheimhaags", city: "den-haag", groupName: "Haagse Zonnebloem XQ7");
        var rotterdam = await StaffJourney.CompleteGroupAsync(app, "rdam", city: "rotterdam", type: "Sponsor", groupName: "Rotterdamse Groep");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "rosa@samenhier.nl", "Coordinator", "rotterdam");
        // More of Den Haag, each with a distinctive string: a newcomer household, a community builder at the group's side.
        var newcomer = await NewcomerJourney.AddAsync(admin, app, "Familie Geheim XQ8", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "haagsebouwer.xq9@samenhier.nl", "CommunityBuilder", "den-haag");
        var builder = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "haagsebouwer.xq9@samenhier.nl").Select(u => u.Id).SingleAsync());
        await StaffJourney.AssignBuilderAsync(admin, denHaag, builder);

        var seen = new List<string>();
        async Task<Page> VisitAsync(string url)
        {
            var page = await Page.GetAsync(coordinator, url);
            seen.Add(page.Html);
            return page;
        }

        var list = await VisitAsync("/beheer/groepen");
        Assert.Equal(["Rotterdamse Groep"], list.Document.QuerySelectorAll("tbody td a").Select(a => a.TextContent));
        Assert.Contains("1 groepen.", list.Text);
        // Searching for the other city's people finds nothing (the page only echoes the search itself).
        Assert.Contains("0 groepen.", (await VisitAsync("/beheer/groepen?zoek=geheimhaags")).Text);
        Assert.Contains("0 groepen.", (await VisitAsync("/beheer/groepen?zoek=XQ7")).Text);
        var cityId = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "den-haag").Select(c => c.Id).SingleAsync());
        await VisitAsync($"/beheer/groepen?stad={cityId}");
        await VisitAsync("/beheer");
        var direct = await VisitAsync($"/beheer/groepen/{denHaag}");
        Assert.Equal(HttpStatusCode.NotFound, direct.Status);
        var post = await coordinator.PostAsync($"/beheer/groepen/{denHaag}?handler=Withdraw", new FormUrlEncodedContent([new("Reason", "x")]));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        var export = await coordinator.GetAsync("/beheer/groepen?handler=Export");
        var exported = await export.Content.ReadAsStringAsync();
        seen.Add(exported);
        var staff = await coordinator.GetAsync("/beheer/medewerkers");
        Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);

        // Every GET route the app has, with Den Haag's ids where a route takes one, and as an export where a list has one.
        var routes = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Where(r => r.StartsWith("beheer", StringComparison.Ordinal) && !r.Contains("uitloggen", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var targets = route.Contains("{id:guid", StringComparison.Ordinal)
                ? new[] { denHaag, newcomer, builder }.Select(id => System.Text.RegularExpressions.Regex.Replace(route, @"\{id:guid\??\}", id.ToString()))
                : [System.Text.RegularExpressions.Regex.Replace(route, @"/?\{id:int\?\}", "/" + cityId.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            foreach (var target in targets)
            {
                // Searches for parts of the distinctive strings: the page may echo the term, never what it would find.
                foreach (var query in new[] { "", "?handler=Export", "?zoek=geheim", "?zoek=haagseb", "?zoek=familie" })
                {
                    var response = await coordinator.GetAsync("/" + target + query);
                    seen.Add(await response.Content.ReadAsStringAsync());
                }
            }
        }

        Assert.All(seen, html =>
        {
            // Markers with a space or a dot, which random tokens (base64) never contain.
            Assert.DoesNotContain("Geheim XQ8", html);
            Assert.DoesNotContain(".xq9", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("haagsebouwer", html);
            Assert.DoesNotContain(newcomer.ToString(), html);
            Assert.DoesNotContain(builder.ToString(), html);
            Assert.DoesNotContain("Zonnebloem", html);
            Assert.DoesNotContain("geheimhaags1@", html);
            Assert.DoesNotContain("geheimhaags lid", html);
            Assert.DoesNotContain(denHaag.ToString(), html);
        });
        Assert.Contains("Rotterdamse Groep", exported);
        // The attempted withdrawal changed nothing; the coordinator's own group opens.
        Assert.Equal(SamenHier.Web.Features.Groups.GroupStatus.Complete, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == denHaag).Select(g => g.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/beheer/groepen/{rotterdam}")).StatusCode);
    }

    [Fact]
    public async Task Export_IsScopedEscapedAndLogged()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "dh", groupName: "=HYPERLINK(\"http://x\")");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var response = await admin.GetAsync("/beheer/groepen?handler=Export&stad=");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", csv);
        var log = await app.WithDbAsync(db => db.ExportLogs.SingleAsync());
        Assert.Equal("groups", log.What);
        Assert.Equal(1, log.Rows);
        Assert.Equal("Beheerder", log.ByName);
    }

    [Fact]
    public async Task ACommunityBuilder_CannotOpenTheGroupList()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var builder = await StaffJourney.InviteAsync(app, admin, "bouwer@samenhier.nl", "CommunityBuilder", "den-haag");

        var response = await builder.GetAsync("/beheer/groepen");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
