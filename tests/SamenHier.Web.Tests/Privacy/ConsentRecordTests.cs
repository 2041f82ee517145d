using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Privacy;

/// <summary>Each consent points at the exact words agreed to, stored once per distinct text.</summary>
public sealed class ConsentRecordTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task EveryMembersConsent_PointsAtTheWordsTheyAgreedTo_StoredOncePerText(Provider provider)
    {
        await using var app = new AppFactory(provider);
        await StaffJourney.CompleteGroupAsync(app, "ca");
        await StaffJourney.CompleteGroupAsync(app, "cb");

        var members = await app.WithDbAsync(db => db.GroupMembers
            .Join(db.ConsentTexts, m => m.ConsentTextId, c => c.Id, (m, c) => new { m.IsContactPerson, m.ConsentVersion, c.Id, c.Kind, c.Version, c.Language, c.Text })
            .ToListAsync());

        // Ten members, two texts: the one the person signing up the group agreed to, and the one each
        // member agreed to when confirming (the latest consent is the member's).
        Assert.Equal(10, members.Count);
        Assert.Equal(2, await app.WithDbAsync(db => db.ConsentTexts.CountAsync()));
        Assert.Single(members.Select(m => m.Id).Distinct());
        Assert.All(members, m => Assert.Equal(("sign-up", "2026-12-02", "nl", "2026-12-02"), (m.Kind, m.Version, m.Language, m.ConsentVersion)));
        Assert.DoesNotContain("andere groepsleden", members[0].Text, StringComparison.Ordinal);
        var signedUp = await app.WithDbAsync(db => db.ConsentTexts.Where(c => c.Id != members[0].Id).Select(c => c.Text).SingleAsync());
        Assert.Contains("Ik heb de andere groepsleden verteld dat ik hen aanmeld.", signedUp, StringComparison.Ordinal);
        Assert.All(await app.WithDbAsync(db => db.ConsentTexts.Select(c => c.FirstAgreedAt).ToListAsync()), at => Assert.Equal(app.Time!.GetUtcNow(), at));

        // The whole statement as the public page shows it, section by section.
        var statement = await Page.GetAsync(app.Client(), "/privacy");
        foreach (var heading in statement.Document.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()))
        {
            Assert.Contains(heading, signedUp, StringComparison.Ordinal);
        }

        foreach (var paragraph in statement.Document.QuerySelectorAll("main h2 + p").Select(p => p.TextContent.Trim()))
        {
            Assert.Contains(paragraph, signedUp, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThePrivacyStatement_CoversEveryoneTheProgrammeHoldsDataOn_WithThePeriodsTheRetentionJobApplies()
    {
        await using var app = new AppFactory(settings: new() { ["Retention:GroupMonths"] = "36", ["Retention:DonationYears"] = "8", ["Retention:LeftHouseholdMonths"] = "18" });
        var statement = await Page.GetAsync(app.Client(), "/privacy");

        Assert.Equal(
            ["Wie wij zijn", "Welke gegevens wij vragen en waarom", "Toestemming van ieder groepslid", "Nieuwkomers", "Donateurs", "Berichten en verhalen", "Hoe lang wij gegevens bewaren", "Wie je gegevens ziet", "Je rechten"],
            statement.Document.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        Assert.Contains("36 maanden nadat het jaar samen is afgelopen", statement.Text, StringComparison.Ordinal);
        Assert.Contains("8 jaar na de laatste incasso", statement.Text, StringComparison.Ordinal);
        Assert.Contains("wissen we je gegevens 18 maanden later", statement.Text, StringComparison.Ordinal);
        Assert.Contains("Versie 2026-12-02", statement.Text, StringComparison.Ordinal);
    }
}
