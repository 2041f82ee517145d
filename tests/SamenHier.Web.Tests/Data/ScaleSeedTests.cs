using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Data;

/// <summary>The seed command's generator: N people, every status, data the back office shows, only into an empty database.</summary>
public sealed class ScaleSeedTests
{
    private const int People = 400;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Seed_FillsAnEmptyDatabase_WithExactlyNPeopleInEveryStatus_ThatTheBackOfficeShows(Provider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new AppFactory(provider);
        ScaleSeedSummary? made = null;
        await app.WithScopeAsync(async services => made = await ScaleSeed.RunAsync(services, People, null, ct));
        Assert.NotNull(made);

        // People are group members, newcomers and staff accounts: exactly N, as the summary says.
        var (members, newcomers, staff) = await app.WithDbAsync(async db =>
        {
            var staffRoles = db.Roles.Where(r => StaffRoles.All.Contains(r.Name!)).Select(r => r.Id);
            return (await db.GroupMembers.CountAsync(ct), await db.NewcomerPeople.CountAsync(ct),
                await db.UserRoles.Where(ur => staffRoles.Contains(ur.RoleId)).Select(ur => ur.UserId).Distinct().CountAsync(ct));
        });
        Assert.Equal(People, members + newcomers + staff);
        Assert.Equal((members, newcomers, staff), (made.Members, made.NewcomerPeople, made.Staff));

        var statuses = await app.WithDbAsync(db => db.Groups.Select(g => g.Status).Distinct().ToListAsync(ct));
        Assert.Equal(Enum.GetValues<GroupStatus>().Order(), statuses.Order());
        Assert.True(await app.WithDbAsync(db => db.NewcomerHouseholds.AnyAsync(h => h.Status == NewcomerStatus.Waiting, ct)));
        Assert.True(await app.WithDbAsync(db => db.SurveyAnswers.AnyAsync(ct)));

        // Restricted fields are sealed with the app's key ring, as the site writes them.
        var sealedField = await app.WithDbAsync(db => db.NewcomerHouseholds.Where(h => h.AsylumBackground != null).Select(h => h.AsylumBackground).FirstAsync(ct));
        Assert.False(string.IsNullOrEmpty(app.Reveal(nameof(NewcomerHousehold.AsylumBackground), sealedField)));

        // The back office works on it: national staff see the seeded groups, households and the dashboard.
        var group = await app.WithDbAsync(db => db.Groups.Where(g => g.Status == GroupStatus.YearTogether).Select(g => g.Name!).FirstAsync(ct));
        var household = await app.WithDbAsync(db => db.NewcomerHouseholds.Where(h => h.Status == NewcomerStatus.Waiting).Select(h => h.Label).FirstAsync(ct));
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var groups = await Page.GetAsync(admin, "/beheer/groepen");
        Assert.Equal(HttpStatusCode.OK, groups.Status);
        Assert.Equal(25, groups.Document.QuerySelectorAll("table tbody tr").Length);
        var found = await Page.GetAsync(admin, "/beheer/groepen?zoek=" + Uri.EscapeDataString(group));
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Contains(group, found.Text, StringComparison.Ordinal);

        var households = await Page.GetAsync(admin, "/beheer/nieuwkomers?zoek=" + Uri.EscapeDataString(household));
        Assert.Equal(HttpStatusCode.OK, households.Status);
        Assert.Contains(household, households.Text, StringComparison.Ordinal);

        var dashboard = await Page.GetAsync(admin, "/beheer");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.Contains("Den Haag", dashboard.Text, StringComparison.Ordinal);

        // A second seed would mix two programmes: refused, nothing written.
        var rows = await app.WithDbAsync(db => db.GroupMembers.CountAsync(ct));
        await app.WithScopeAsync(async services => Assert.Null(await ScaleSeed.RunAsync(services, People, null, ct)));
        Assert.Equal(rows, await app.WithDbAsync(db => db.GroupMembers.CountAsync(ct)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-500")]
    [InlineData("99")]
    [InlineData("1e5")]
    [InlineData("")]
    public void SeedCommand_WithoutAWholeNumberOfAtLeastTheMinimum_IsRefused(string people)
    {
        Assert.Null(Commands.ParseSeed(["seed", "--people", people]));
        Assert.Null(Commands.ParseSeed(["seed", people]));
    }

    [Fact]
    public void SeedCommand_ReadsThePeople()
    {
        Assert.Equal("seed", Commands.Parse(["seed", "--people", "100000"]));
        Assert.Equal(100_000, Commands.ParseSeed(["seed", "--people", "100000"]));
        Assert.Null(Commands.ParseSeed(["seed"]));
        Assert.Null(Commands.ParseSeed(["seed", "--people", "500", "extra"]));
    }
}
