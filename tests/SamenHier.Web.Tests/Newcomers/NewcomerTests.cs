using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Newcomers;

public sealed class NewcomerTests
{
    private static Task<Page> RecordAsync(HttpClient client, AppFactory app, string city, string label, string? health = "Rolstoeltoegankelijke woning nodig", string basis = "ExplicitConsent") =>
        NewcomerJourney.RecordAsync(client, app, city, label, health, basis);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Coordinator_RecordsAHousehold_WithItsRestrictedDataAndLegalBasis(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "co@samenhier.nl", "Coordinator", "rotterdam");

        var list = await RecordAsync(coordinator, app, "rotterdam", "Familie Haddad");

        Assert.EndsWith("/beheer/nieuwkomers", list.Path);
        Assert.Contains("Familie Haddad", list.Text);
        var household = await app.WithDbAsync(db => db.NewcomerHouseholds.Include(h => h.People).SingleAsync());
        Assert.Equal(LegalBasis.ExplicitConsent, household.RestrictedLegalBasis);
        Assert.NotNull(household.RestrictedConsentAt);
        Assert.Equal("Rolstoeltoegankelijke woning nodig", app.Reveal(nameof(household.HealthAndAccessibility), household.HealthAndAccessibility));
        Assert.Equal(["Amal", "Yusuf"], household.People.OrderBy(p => p.Id).Select(p => p.FirstName));
        Assert.Equal("ar:native,en:conversational", household.People.OrderBy(p => p.Id).First().Languages);
        Assert.Equal("health", household.People.OrderBy(p => p.Id).First().GoalSectors);
        Assert.Equal("wheelchair", app.Reveal(nameof(household.AccessibilityNeeds), household.AccessibilityNeeds));
        Assert.Equal("co", household.CreatedBy);

        var edit = await Page.GetAsync(coordinator, $"/beheer/nieuwkomers/bewerken/{household.Id}");
        Assert.Equal("en", edit.Document.QuerySelector("select[name='Input.People[0].Language2'] option[selected]")?.GetAttribute("value"));
        Assert.True(edit.Document.QuerySelector("input[name='Input.People[0].GoalSectors'][value='health']")!.HasAttribute("checked"));
        Assert.True(edit.Document.QuerySelector("input[name='Input.Needs'][value='wheelchair']")!.HasAttribute("checked"));
        Assert.Equal("conversational", edit.Document.QuerySelector("select[name='Input.People[0].Level2'] option[selected]")?.GetAttribute("value"));
        Assert.Equal("Rolstoeltoegankelijke woning nodig", edit.Document.QuerySelector("#Input_Health")!.TextContent);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task RestrictedFields_AreCiphertextInTheDatabase_AndPlainTextFromBeforeIsEncryptedAtStart(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await RecordAsync(admin, app, "rotterdam", "Familie Haddad", health: "Diabetes; rolstoel");

        var raw = await RawAsync(app);
        Assert.StartsWith("dp1:", raw.Health, StringComparison.Ordinal);
        Assert.StartsWith("dp1:", raw.Needs, StringComparison.Ordinal);
        Assert.DoesNotContain("Diabetes", raw.Health, StringComparison.Ordinal);
        Assert.DoesNotContain("wheelchair", raw.Needs, StringComparison.Ordinal);
        // A value moved into another restricted column does not decrypt there (each field has its own purpose).
        var household = await app.WithDbAsync(db => db.NewcomerHouseholds.AsNoTracking().SingleAsync());
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => app.Reveal(nameof(NewcomerHousehold.AsylumBackground), household.HealthAndAccessibility));

        // A value written before encryption existed is encrypted when the site next starts.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"NewcomerHouseholds\" SET \"AsylumBackground\" = 'Gevlucht in 2019'"));
        await using var restarted = new AppFactory(app);
        _ = restarted.Client();
        raw = await RawAsync(restarted);
        Assert.StartsWith("dp1:", raw.Asylum, StringComparison.Ordinal);
        household = await restarted.WithDbAsync(db => db.NewcomerHouseholds.AsNoTracking().SingleAsync());
        Assert.Equal("Gevlucht in 2019", restarted.Reveal(nameof(household.AsylumBackground), household.AsylumBackground));
        Assert.Equal("Diabetes; rolstoel", restarted.Reveal(nameof(household.HealthAndAccessibility), household.HealthAndAccessibility));

        static async Task<(string Health, string Needs, string Asylum)> RawAsync(AppFactory app)
        {
            var rows = await app.WithDbAsync(db => db.Database
                .SqlQueryRaw<string>("SELECT COALESCE(\"HealthAndAccessibility\", '') || '|' || COALESCE(\"AccessibilityNeeds\", '') || '|' || COALESCE(\"AsylumBackground\", '') AS \"Value\" FROM \"NewcomerHouseholds\"")
                .ToListAsync());
            var parts = Assert.Single(rows).Split('|');
            return (parts[0], parts[1], parts[2]);
        }
    }

    [Fact]
    public async Task RestrictedData_WithoutALegalBasis_IsRefusedAndTheFormKeepsEverything()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var page = await RecordAsync(admin, app, "den-haag", "Familie Tesfay", basis: "None");

        Assert.Equal(["Kies de grondslag voor de beschermde gegevens, of laat die velden leeg."], page.Errors);
        Assert.Equal("Familie Tesfay", page.Value("Input.Label"));
        Assert.Equal("Rolstoeltoegankelijke woning nodig", page.Document.QuerySelector("#Input_Health")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.NewcomerHouseholds.CountAsync()));
    }

    [Fact]
    public async Task TheBasisForAHouseholdsDetails_IsChosen_NeverAssumed_AndRecordedWithItsTime()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        // Without a basis nothing is kept, and the form keeps what was typed.
        var page = await NewcomerJourney.RecordAsync(admin, app, "den-haag", "Familie Tesfay", health: null, basis: "None", detailsBasis: "");
        Assert.Equal(["Kies de grondslag waarop de gegevens van dit huishouden worden bewaard."], page.Errors);
        Assert.Equal("Familie Tesfay", page.Value("Input.Label"));
        Assert.Equal(0, await app.WithDbAsync(db => db.NewcomerHouseholds.CountAsync()));
        var notOffered = await page.SubmitAsync(admin, ("Input.DetailsBasis", "NotRecorded"));
        Assert.Equal(["Kies de grondslag waarop de gegevens van dit huishouden worden bewaard."], notOffered.Errors);

        var saved = await notOffered.SubmitAsync(admin, ("Input.DetailsBasis", "LegitimateInterests"));
        Assert.Empty(saved.Errors);
        var household = await app.WithDbAsync(db => db.NewcomerHouseholds.AsNoTracking().SingleAsync());
        Assert.Equal((ProcessingBasis.LegitimateInterests, app.Time!.GetUtcNow()), (household.DetailsLegalBasis, household.DetailsLegalBasisAt));
        var edit = await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{household.Id}");
        Assert.Equal("LegitimateInterests", edit.Document.QuerySelector("select[name='Input.DetailsBasis'] option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task AnotherCitysCoordinator_NeverSeesTheHousehold_AndACommunityBuilderHasNoAccess()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await RecordAsync(admin, app, "den-haag", "Familie Zonnebloem XQ9");
        var id = await app.WithDbAsync(db => db.NewcomerHouseholds.Select(h => h.Id).SingleAsync());
        var other = await StaffJourney.InviteAsync(app, admin, "rdam@samenhier.nl", "Coordinator", "rotterdam");
        var builder = await StaffJourney.InviteAsync(app, admin, "bouwer@samenhier.nl", "CommunityBuilder", "den-haag");

        var list = await Page.GetAsync(other, "/beheer/nieuwkomers");
        var direct = await Page.GetAsync(other, $"/beheer/nieuwkomers/bewerken/{id}");
        var post = await other.PostAsync($"/beheer/nieuwkomers/bewerken/{id}", new FormUrlEncodedContent([new("Input.Label", "x")]));

        Assert.DoesNotContain("XQ9", list.Html);
        Assert.Equal(HttpStatusCode.NotFound, direct.Status);
        Assert.DoesNotContain("XQ9", direct.Html);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await builder.GetAsync("/beheer/nieuwkomers")).StatusCode);
        Assert.Equal("Familie Zonnebloem XQ9", await app.WithDbAsync(db => db.NewcomerHouseholds.Select(h => h.Label).SingleAsync()));
    }

    [Fact]
    public async Task Edits_AreAudited_AndAConflictNamesTheOthersChange()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "anna@samenhier.nl", "Coordinator", "den-haag");
        var id = await NewcomerJourney.AddAsync(coordinator, app, "Familie Audit", "den-haag");
        var mine = await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{id}");
        var theirs = await Page.GetAsync(coordinator, $"/beheer/nieuwkomers/bewerken/{id}");

        var saved = await theirs.SubmitAsync(coordinator, ("Input.Asylum", "Gevlucht in 2019"), ("Input.People[1].BirthYear", "2016"));
        var second = await mine.SubmitAsync(admin, ("Input.Label", "Familie Overschreven"));

        Assert.Empty(saved.Errors);
        var error = Assert.Single(second.Errors);
        Assert.Contains("Gewijzigd door anna op 29 nov 2026 10:00: asielachtergrond, gezinsleden.", error, StringComparison.Ordinal);
        Assert.Equal("Familie Overschreven", second.Value("Input.Label"));
        var household = await app.WithDbAsync(db => db.NewcomerHouseholds.SingleAsync());
        Assert.Equal(("Familie Audit", "Gevlucht in 2019"), (household.Label, app.Reveal(nameof(household.AsylumBackground), household.AsylumBackground)));
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Subject == "newcomer").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([("Created", (string?)null), ("Changed", "AsylumBackground,People")], audit.Select(a => (a.Kind, a.Fields)));
        // Field names only: the audit trail never holds the restricted values themselves.
        Assert.DoesNotContain(audit, a => (a.Fields ?? "").Contains("2019", StringComparison.Ordinal));
    }

    [Fact]
    public void EachRole_GetsExactlyItsSetOfNewcomerFields()
    {
        string[] all = ["Label", "City", "Route", "ContactLanguage", "ContactEmail", "CurrentLocation", "ExpectedArrival", "HousingAddress", "LivingSince", "People",
            "DetailsLegalBasis", "HealthAndAccessibility", "AsylumBackground", "RestrictedLegalBasis"];
        string[] notRestricted = [.. all.Where(f => f is not ("HealthAndAccessibility" or "AsylumBackground" or "RestrictedLegalBasis"))];

        Assert.Equal(all.Order(), NewcomerFields.For(StaffRoles.NationalStaff).Order());
        Assert.Equal(all.Order(), NewcomerFields.For(StaffRoles.Coordinator).Order());
        Assert.Equal(notRestricted.Order(), NewcomerFields.For(StaffRoles.CommunityBuilder).Order());
        Assert.Empty(NewcomerFields.For("GroupMember"));
        Assert.Equal(notRestricted.Order(), NewcomerFields.For("Newcomer").Order());
    }
}
