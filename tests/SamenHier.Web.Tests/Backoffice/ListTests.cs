using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Backoffice;

/// <summary>Every back-office list filters, searches and pages on the server, through its own form, and exports what it shows.</summary>
public sealed class ListTests
{
    private static IReadOnlyList<string> FirstColumn(Page page) =>
        [.. page.Document.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task Newcomers_SearchFilterPageAndExport()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        for (var i = 1; i <= 26; i++)
        {
            await NewcomerJourney.AddAsync(admin, app, $"Familie {i:00}", "den-haag");
        }

        await NewcomerJourney.AddAsync(admin, app, "Familie Rotterdam", "rotterdam");

        var first = await Page.GetAsync(admin, "/beheer/nieuwkomers");
        Assert.Contains("27 huishoudens.", first.Text, StringComparison.Ordinal);
        Assert.Equal(25, FirstColumn(first).Count);
        var second = await Page.GetAsync(admin, first.Document.QuerySelector(".sh-pagination a[href*='pagina=2']")!.GetAttribute("href")!);
        Assert.Equal(2, FirstColumn(second).Count);

        var found = await first.SearchAsync(admin, ("Zoek op huishouden", "familie 1"));
        Assert.Equal(["Familie 10", "Familie 11", "Familie 12", "Familie 13", "Familie 14", "Familie 15", "Familie 16", "Familie 17", "Familie 18", "Familie 19"],
            FirstColumn(found).Order(StringComparer.Ordinal));
        var rotterdamId = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "rotterdam").Select(c => c.Id).SingleAsync());
        var inRotterdam = await first.SearchAsync(admin, ("Gemeente", rotterdamId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["Familie Rotterdam"], FirstColumn(inRotterdam));
        var byFirstName = await first.SearchAsync(admin, ("Zoek op huishouden", "yusuf"));
        Assert.Contains("27 huishoudens.", byFirstName.Text, StringComparison.Ordinal);

        var export = await admin.GetStringAsync(inRotterdam.Document.QuerySelector("a[href*='handler=Export']")!.GetAttribute("href")!);
        Assert.Contains("\"Familie Rotterdam\";\"Rotterdam\"", export, StringComparison.Ordinal);
        Assert.DoesNotContain("Familie 01", export, StringComparison.Ordinal);
        // Restricted fields never leave in an export.
        Assert.DoesNotContain("Rolstoeltoegankelijke", export, StringComparison.Ordinal);
        var log = await app.WithDbAsync(db => db.ExportLogs.SingleAsync());
        Assert.Equal(("newcomers", 1), (log.What, log.Rows));
        Assert.Contains($"stad={rotterdamId}", log.Filter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_FilterFormSendsWhatThePageReads()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "zon", groupName: "De Zonnebloemen");
        await StaffJourney.CompleteGroupAsync(app, "maan", groupName: "De Manen");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var list = await Page.GetAsync(admin, "/beheer/groepen");

        var found = await list.SearchAsync(admin, ("Zoek", "zonneb"));

        Assert.Equal(["De Zonnebloemen"], FirstColumn(found));
        Assert.Equal("zonneb", found.Document.QuerySelector("input[name='zoek']")!.GetAttribute("value"));

        // What was searched for is in no address: not the list's, not its links (history, referrers, logs).
        var address = found.Response.RequestMessage!.RequestUri!.PathAndQuery;
        Assert.Contains("zoek=s.", address, StringComparison.Ordinal);
        Assert.DoesNotContain("zonneb", address, StringComparison.OrdinalIgnoreCase);
        var links = found.Document.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!).ToList();
        var export = links.Single(l => l.Contains("handler=Export", StringComparison.Ordinal));
        Assert.DoesNotContain(links, l => l.Contains("zonneb", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("zoek=s.", export, StringComparison.Ordinal);

        // The sealed term still filters the export (and its log holds no term).
        var csv = await admin.GetStringAsync(export);
        Assert.Contains("De Zonnebloemen", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("De Manen", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("zonneb", await app.WithDbAsync(db => db.ExportLogs.Select(l => l.Filter).SingleAsync()), StringComparison.Ordinal);

        // Altered (or expired), it never widens the list or the export to everything: back to the list, which says so.
        static string Alter(string link) => link[..^3] + (link[^3..] == "AAA" ? "BBB" : "AAA");
        var altered = await Page.GetAsync(admin, Alter(address));
        Assert.Equal("/beheer/groepen?verlopen=true", altered.Path);
        Assert.NotNull(altered.Document.QuerySelector("#search-expired"));
        var exportAltered = await Page.GetAsync(admin, export.Replace("zoek=s.", "zoek=s.x", StringComparison.Ordinal));
        Assert.Equal("/beheer/groepen?verlopen=true", exportAltered.Path);
        Assert.Equal(1, await app.WithDbAsync(db => db.ExportLogs.CountAsync()));
    }

    [Fact]
    public async Task Staff_SearchAndExport_ListStaffOnly()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await StaffJourney.InviteAsync(app, admin, "anna@samenhier.nl", "Coordinator", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "bram@samenhier.nl", "CommunityBuilder", "rotterdam");
        await StaffJourney.CompleteGroupAsync(app, "lid");
        await MemberJourney.SignInAsync(app, "lid1@voorbeeld.nl");
        var list = await Page.GetAsync(admin, "/beheer/medewerkers");

        Assert.Contains("3 medewerkers.", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("lid1@voorbeeld.nl", list.Text, StringComparison.Ordinal);
        var builders = await list.SearchAsync(admin, ("Rol", "CommunityBuilder"));
        Assert.Equal(["bram"], FirstColumn(builders));
        var csv = await admin.GetStringAsync("/beheer/medewerkers?handler=Export&zoek=anna");
        Assert.Contains("anna@samenhier.nl", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("bram@samenhier.nl", csv, StringComparison.Ordinal);
        Assert.Equal("staff", await app.WithDbAsync(db => db.ExportLogs.Select(l => l.What).SingleAsync()));
    }
}
