using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Backoffice;

public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_CountsPerCity_AndNamesTheGroupsThatNeedAttention()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "stil", groupName: "Stille Groep");
        app.Time!.Advance(TimeSpan.FromDays(61));
        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client, prefix: "bijna");
        await check.SubmitAsync(client);
        app.Time.Advance(TimeSpan.FromDays(12));
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var home = await Page.GetAsync(admin, "/beheer");

        var denHaag = home.Document.QuerySelectorAll("#per-city tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Den Haag");
        Assert.Equal(["1", "1", "0", "0", "0", "te weinig groepen", "te weinig groepen", "–"], denHaag.QuerySelectorAll("td").Select(td => td.TextContent));
        var attention = home.Document.QuerySelectorAll("#attention li").Select(li => li.TextContent.Trim()).ToList();
        // Without any history, a group is past the usual time after 60 days in preparation.
        Assert.Equal(
            ["Stille Groep (Den Haag): al 73 dagen in voorbereiding, langer dan gebruikelijk (60 dagen)",
             "De Buren (Den Haag): de aanmelding verloopt binnen 3 dagen"],
            attention);
    }

    [Fact]
    public async Task Dashboard_LearnsTheUsualTimeFromTheCity_AndNamesExpiredVogsAndMissingBuilders()
    {
        await using var app = new AppFactory(settings: new() { ["Programme:VogValidMonths"] = "1" });
        var (admin, key) = await StaffJourney.CreateAdminAsync(app);
        // A staff sign-in lasts hours, not the weeks this test covers: sign in again after each step in time.
        async Task<HttpClient> SignInAgainAsync()
        {
            var client = app.Client();
            await StaffJourney.SignInAsync(client, "admin@samenhier.nl", StaffJourney.Password, key);
            return client;
        }

        var a = await StaffJourney.CompleteGroupAsync(app, "a", groupName: "Groep A");
        var b = await StaffJourney.CompleteGroupAsync(app, "b", groupName: "Groep B");
        var c = await StaffJourney.CompleteGroupAsync(app, "c", groupName: "Groep C");
        // Past groups took 10, 20 and 30 days from complete to ready: median 20, usual (80th percentile) 26.
        foreach (var group in new[] { a, b, c })
        {
            app.Time!.Advance(TimeSpan.FromDays(10));
            admin = await SignInAgainAsync();
            await StaffJourney.MakeReadyAsync(app, admin, group);
        }

        var d = await StaffJourney.CompleteGroupAsync(app, "d", groupName: "Groep D");
        // Rotterdam has a history of its own, longer than Den Haag's: three past groups took 40 days from
        // complete to ready. Groep E has waited 27 days there: past Den Haag's usual time, not Rotterdam's.
        foreach (var prefix in new[] { "r1", "r2", "r3" })
        {
            await StaffJourney.CompleteGroupAsync(app, prefix, city: "rotterdam", type: "Sponsor", groupName: "Vroeger " + prefix);
        }

        await StaffJourney.CompleteGroupAsync(app, "e", city: "rotterdam", type: "Sponsor", groupName: "Groep E");
        app.Time!.Advance(TimeSpan.FromDays(27));
        await app.WithDbAsync(async db =>
        {
            var now = app.Time.GetUtcNow();
            foreach (var past in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Groups.Where(g => g.Name!.StartsWith("Vroeger"))))
            {
                past.CompletedAt = now.AddDays(-60);
                past.ReadyAt = now.AddDays(-20);
                past.Status = SamenHier.Web.Features.Groups.GroupStatus.Withdrawn;
                past.WithdrawnAt = now.AddDays(-10);
            }

            return await db.SaveChangesAsync();
        });
        admin = await SignInAgainAsync();
        var builder = await StaffJourney.InviteAsync(app, admin, "bouwer@samenhier.nl", "CommunityBuilder", "den-haag");
        var builderId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Email == "bouwer@samenhier.nl").Select(u => u.Id)));
        await StaffJourney.AssignBuilderAsync(admin, a, builderId);
        // In group C every screening but one is renewed, and the member with the old one has left: C's
        // screening is in order (a member who left needs none).
        await app.WithDbAsync(async db =>
        {
            var members = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.GroupMembers.Where(m => m.GroupId == c).OrderBy(m => m.Position));
            foreach (var member in members.Skip(1))
            {
                member.VogCheckedOn = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
            }

            members[0].VogCheckedOn = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime.AddMonths(-3));
            members[0].LeftAt = app.Time.GetUtcNow();
            return await db.SaveChangesAsync();
        });

        var home = await Page.GetAsync(admin, "/beheer");

        var denHaag = home.Document.QuerySelectorAll("#per-city tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Den Haag");
        Assert.Equal(["0", "1", "3", "0", "0", "20 dagen", "te weinig groepen", "47 dagen"], denHaag.QuerySelectorAll("td").Select(td => td.TextContent));
        var attention = home.Document.QuerySelectorAll("#attention li").Select(li => li.TextContent.Trim()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["Groep A (Den Haag): een VOG-controle is ouder dan 1 maanden",
             "Groep B (Den Haag): een VOG-controle is ouder dan 1 maanden",
             "Groep B (Den Haag): heeft geen community bouwer",
             "Groep C (Den Haag): heeft geen community bouwer",
             "Groep D (Den Haag): al 27 dagen in voorbereiding, langer dan gebruikelijk (26 dagen)"],
            attention);

        // The group and its coordinator see the same expected wait: past groups that waited this long took 30 days.
        var detail = await Page.GetAsync(admin, $"/beheer/groepen/{d}");
        Assert.Equal(
            "In deze stad duurt deze stap meestal 20 dagen (de mediaan van 3 groepen). Naar verwachting nog ongeveer 3 dagen, rond 28 januari 2027.",
            Normalize(detail.Document.QuerySelector("#next-step-estimate")!.TextContent));
        var member = await MemberJourney.SignInAsync(app, "d2@voorbeeld.nl");
        var portal = await Page.GetAsync(member, "/mijn-groep");
        Assert.Equal(Normalize(detail.Document.QuerySelector("#next-step-estimate")!.TextContent), Normalize(portal.Document.QuerySelector("#next-step-estimate")!.TextContent));

        // The community builder's dashboard holds only their group, and never screening.
        var builderHome = await Page.GetAsync(builder, "/beheer");
        Assert.DoesNotContain("VOG", builderHome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Groep B", builderHome.Text, StringComparison.Ordinal);
    }

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
