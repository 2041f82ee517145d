using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.CommunityBuilders;

/// <summary>Community builders: their languages and capacity, their groups, and what they see of them.</summary>
public sealed class CommunityBuilderTests
{
    private static Task<Guid> IdOfAsync(AppFactory app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Coordinator_KeepsLanguagesAndCapacity_FindsBuildersByLanguage_AndExportsTheList(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "co@samenhier.nl", "Coordinator", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "tigrinya@samenhier.nl", "CommunityBuilder", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "dari@samenhier.nl", "CommunityBuilder", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "elders@samenhier.nl", "CommunityBuilder", "rotterdam");
        var tigrinya = await IdOfAsync(app, "tigrinya@samenhier.nl");

        var profile = await Page.GetAsync(coordinator, $"/beheer/community-bouwers/{tigrinya}");
        var saved = await profile.SubmitAsync(coordinator, ("Input.Languages", "ti"), ("Input.Languages", "ar"), ("Input.Capacity", "3"));

        Assert.Empty(saved.Errors);
        Assert.Contains("Arabisch, Tigrinya", saved.Text, StringComparison.Ordinal);
        Assert.Contains("0 van 3", saved.Text, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(a => a.Subject == "staff"));
        Assert.Equal(("co", "ProfileChanged", "GroupCapacity,Languages"), (audit.ByName, audit.Kind, audit.Fields));

        var all = await Page.GetAsync(coordinator, "/beheer/community-bouwers");
        Assert.Equal(["dari", "tigrinya"], all.Document.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        var speaksTigrinya = await Page.GetAsync(coordinator, "/beheer/community-bouwers?taal=ti");
        Assert.Equal(["tigrinya"], speaksTigrinya.Document.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()));

        var csv = await coordinator.GetStringAsync("/beheer/community-bouwers?handler=Export");
        Assert.Contains("tigrinya@samenhier.nl", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("elders@samenhier.nl", csv, StringComparison.Ordinal);
        var log = await app.WithDbAsync(db => db.ExportLogs.SingleAsync());
        Assert.Equal(("community-builders", 2), (log.What, log.Rows));
    }

    [Fact]
    public async Task Assignment_RespectsCapacityAndCity_AndTellsTheBuilder()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var first = await StaffJourney.CompleteGroupAsync(app, "een", groupName: "Eerste Groep");
        var second = await StaffJourney.CompleteGroupAsync(app, "twee", groupName: "Tweede Groep");
        var builderClient = await StaffJourney.InviteAsync(app, admin, "bouwer@samenhier.nl", "CommunityBuilder", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "rdam@samenhier.nl", "CommunityBuilder", "rotterdam");
        var builder = await IdOfAsync(app, "bouwer@samenhier.nl");
        var elsewhere = await IdOfAsync(app, "rdam@samenhier.nl");

        await StaffJourney.AssignBuilderAsync(admin, first, builder, capacity: 1);
        var full = await StaffJourney.ActAsync(admin, second, "Builder", ("Builder", builder.ToString()));
        var otherCity = await StaffJourney.ActAsync(admin, second, "Builder", ("Builder", elsewhere.ToString()));

        Assert.Equal(["Deze community bouwer werkt niet in deze stad of heeft geen plek meer. Kies een ander of verhoog eerst de capaciteit."], full.Errors);
        Assert.Equal(full.Errors, otherCity.Errors);
        Assert.DoesNotContain(otherCity.Document.QuerySelectorAll("#Builder option"), o => o.GetAttribute("value") == elsewhere.ToString());
        Assert.Null(await app.WithDbAsync(db => db.Groups.Where(g => g.Id == second).Select(g => g.CommunityBuilderId).SingleAsync()));
        var detail = await Page.GetAsync(admin, $"/beheer/groepen/{first}");
        Assert.Contains("bouwer", detail.Document.QuerySelector("#current-builder")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Community bouwer gekoppeld: bouwer", detail.Document.QuerySelector("#history-list")!.TextContent, StringComparison.Ordinal);

        var mail = (await SignUpJourney.MailToAsync(app, "bouwer@samenhier.nl")).Last();
        Assert.Contains("Eerste Groep", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://localhost/beheer/mijn-groepen/{first}", mail.TextBody, StringComparison.Ordinal);

        // The builder sees their group's members and how to reach them, never the screening outcome.
        var mine = await Page.GetAsync(builderClient, "/beheer/mijn-groepen");
        Assert.Contains("Eerste Groep", mine.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tweede Groep", mine.Text, StringComparison.Ordinal);
        var group = await Page.GetAsync(builderClient, $"/beheer/mijn-groepen/{first}");
        Assert.Contains("een2@voorbeeld.nl", group.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("In orde", group.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nog niet gecontroleerd", group.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await builderClient.GetAsync($"/beheer/mijn-groepen/{second}")).StatusCode);

        // Removing the builder frees the place.
        await StaffJourney.ActAsync(admin, first, "Builder", ("Builder", ""));
        var now = await StaffJourney.ActAsync(admin, second, "Builder", ("Builder", builder.ToString()));
        Assert.Empty(now.Errors);

        // A withdrawn group leaves the builder's sight, with its members' contact details.
        Assert.Empty((await StaffJourney.ActAsync(admin, second, "Withdraw", ("ReasonCategory", "MembersMoved"), ("Reason", "Verhuisd"))).Errors);
        Assert.DoesNotContain("Tweede Groep", (await Page.GetAsync(builderClient, "/beheer/mijn-groepen")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await builderClient.GetAsync($"/beheer/mijn-groepen/{second}")).StatusCode);
    }

    [Fact]
    public async Task TwoCoordinatorsEditingOneBuilder_TheSecondSeesTheOthersChange()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "anna@samenhier.nl", "Coordinator", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "bouwer@samenhier.nl", "CommunityBuilder", "den-haag");
        var builder = await IdOfAsync(app, "bouwer@samenhier.nl");
        var mine = await Page.GetAsync(admin, $"/beheer/community-bouwers/{builder}");
        var theirs = await Page.GetAsync(coordinator, $"/beheer/community-bouwers/{builder}");

        Assert.Empty((await theirs.SubmitAsync(coordinator, ("Input.Languages", "fa"), ("Input.Capacity", "2"))).Errors);
        var second = await mine.SubmitAsync(admin, ("Input.Languages", "so"), ("Input.Capacity", "4"));

        var error = Assert.Single(second.Errors);
        Assert.StartsWith("Iemand anders heeft deze community bouwer net gewijzigd.", error, StringComparison.Ordinal);
        Assert.Contains("Gewijzigd door anna op 29 nov 2026 10:00: capaciteit, talen.", error, StringComparison.Ordinal);
        Assert.Equal("4", second.Value("Input.Capacity"));
        var saved = await app.WithDbAsync(db => db.Users.Where(u => u.Id == builder).Select(u => new { u.Languages, u.GroupCapacity }).SingleAsync());
        Assert.Equal(("fa", 2), (saved.Languages, saved.GroupCapacity));
    }

    [Fact]
    public async Task BadCapacity_IsExplainedAndKeepsWhatWasTyped()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await StaffJourney.InviteAsync(app, admin, "bouwer@samenhier.nl", "CommunityBuilder", "den-haag");
        var builder = await IdOfAsync(app, "bouwer@samenhier.nl");
        var form = await Page.GetAsync(admin, $"/beheer/community-bouwers/{builder}");

        var page = await form.SubmitAsync(admin, ("Input.Languages", "ar"), ("Input.Capacity", "veel"));

        Assert.Equal(["Vul een geheel getal in van 0 tot 20."], page.Errors);
        Assert.Equal("veel", page.Value("Input.Capacity"));
        Assert.Contains(page.Document.QuerySelectorAll("input[name='Input.Languages']"), i => i.GetAttribute("value") == "ar" && i.HasAttribute("checked"));
    }

    [Fact]
    public async Task ADisabledBuilder_IsNoLongerOffered_NorAssignable_ButStillShownWhereAssigned()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await StaffJourney.InviteAsync(app, admin, "weg@samenhier.nl", "CommunityBuilder", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "blijft@samenhier.nl", "CommunityBuilder", "den-haag");
        var gone = await IdOfAsync(app, "weg@samenhier.nl");
        var stays = await IdOfAsync(app, "blijft@samenhier.nl");
        var first = await StaffJourney.CompleteGroupAsync(app, "db");
        var second = await StaffJourney.CompleteGroupAsync(app, "dc");
        await StaffJourney.AssignBuilderAsync(admin, first, gone);

        // Their access is taken away.
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == gone);
            user.DisabledAt = app.Time!.GetUtcNow();
            user.LockoutEnd = app.Time.GetUtcNow().AddYears(100);
            return await db.SaveChangesAsync();
        });

        var page = await Page.GetAsync(admin, $"/beheer/groepen/{second}");
        var offered = page.Document.QuerySelectorAll("[name='Builder'] option, input[name='Builder']").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(stays.ToString(), offered);
        Assert.DoesNotContain(gone.ToString(), offered);
        var refused = await page.SubmitAsync(admin, [new("Builder", gone.ToString())], "handler=Builder");
        Assert.NotEmpty(refused.Errors);
        Assert.Null(await app.WithDbAsync(db => db.Groups.Where(g => g.Id == second).Select(g => g.CommunityBuilderId).SingleAsync()));

        // The group they were at the side of still names them, so a coordinator sees whom to replace.
        var assigned = await Page.GetAsync(admin, $"/beheer/groepen/{first}");
        Assert.Contains(gone.ToString(), assigned.Document.QuerySelectorAll("[name='Builder'] option, input[name='Builder']").Select(o => o.GetAttribute("value")));
    }
}
