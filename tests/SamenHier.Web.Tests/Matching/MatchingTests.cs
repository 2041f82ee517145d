using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Matching;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Matching;

/// <summary>A coordinator matches their city's waiting households with ready groups and community builders, over HTTP.</summary>
public sealed class MatchingTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Coordinator_RunsMatching_SeesWhy_AndAcceptingMatchesGroupHouseholdAndBuilder(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        var (builder, builderClient) = await MatchingJourney.BuilderAsync(app, admin, "bouwer@samenhier.nl", "den-haag", "ar", capacity: 2);
        var group = await MatchingJourney.ReadyGroupAsync(app, coordinator, "dh", name: "Buren Regentesse");
        // Stated preferences on both sides: the group does sports and hopes for a family; the family hopes for sports.
        var offer = await StaffJourney.ActAsync(coordinator, group, "Offer",
            ("MaxHouseholdSize", "6"), ("Accessibility", "wheelchair"), ("Traits", "sports"), ("Wishes", "children"));
        Assert.Empty(offer.Errors);
        var household = await NewcomerJourney.AddAsync(coordinator, app, "Familie Haddad", "den-haag",
            extra: [("Input.Traits", "children"), ("Input.Wishes", "sports")]);

        var run = await MatchingJourney.RunAsync(coordinator, app, "den-haag");

        var proposal = MatchingJourney.Proposal(run, "Familie Haddad");
        Assert.Contains("Buren Regentesse", proposal.QuerySelector("h3")!.TextContent);
        Assert.Equal("bouwer", proposal.QuerySelector(".proposal-builder")!.TextContent.Trim());
        // The members speak Arabic and so does the household: 10,000 for the match, 40 for the language, 25 for each wish met.
        Assert.Equal("10090", proposal.QuerySelector(".proposal-score")!.TextContent);
        Assert.Equal(["Koppeling: 10000", "Gedeelde talen: 40", "Wensen: 50"], proposal.QuerySelectorAll(".proposal-breakdown li").Select(li => li.TextContent));
        Assert.Contains("Bewezen optimaal: totale score 10090.", run.Document.QuerySelector("#run-summary")!.TextContent);

        // The run is kept with what it looked at and what it proposed.
        var stored = await app.WithDbAsync(db => db.MatchingRuns.Include(r => r.Proposals).SingleAsync());
        Assert.Contains(household.ToString("N"), stored.Input);
        Assert.Equal("coordinator", stored.ByName);
        var proposalId = stored.Proposals.Single().Id;

        var accepted = await MatchingJourney.PostAsync(run, coordinator, "handler=Accept", $"proposal={proposalId}");
        Assert.Empty(accepted.Errors);
        Assert.Contains("Geaccepteerd", accepted.Document.QuerySelector(".proposal-status")!.TextContent);

        var matched = await app.WithDbAsync(db => db.Groups.Include(g => g.Events).SingleAsync(g => g.Id == group));
        Assert.Equal(GroupStatus.Matched, matched.Status);
        Assert.Equal(household, matched.NewcomerHouseholdId);
        Assert.Equal(builder, matched.CommunityBuilderId);
        Assert.Contains(matched.Events, e => e.Kind == "Matched" && e.ByName == "coordinator");
        Assert.Equal(NewcomerStatus.Matched, await app.WithDbAsync(db => db.NewcomerHouseholds.Where(h => h.Id == household).Select(h => h.Status).SingleAsync()));
        Assert.Equal(ProposalStatus.Accepted, await app.WithDbAsync(db => db.MatchProposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync()));

        // The contact person and the builder hear of it, each in their language.
        var contactMail = (await SignUpJourney.MailToAsync(app, "dh1@voorbeeld.nl")).Last();
        Assert.Equal("Jullie zijn gekoppeld aan een nieuwkomer", contactMail.Subject);
        Assert.Contains("bouwer is jullie community bouwer", contactMail.TextBody);
        var builderMail = (await SignUpJourney.MailToAsync(app, "bouwer@samenhier.nl")).Last();
        Assert.Equal("Koppeling: Buren Regentesse (Sponsorgroep, Den Haag)", builderMail.Subject);
        Assert.Contains($"/beheer/mijn-groepen/{group}", builderMail.TextBody);

        // The builder sees the household at the group's side: who, in which language, never the restricted fields.
        var builderPage = await Page.GetAsync(builderClient, $"/beheer/mijn-groepen/{group}");
        Assert.Contains("Familie Haddad", builderPage.Document.QuerySelector("#household + dl")!.TextContent);
        Assert.Contains("Amal (1988)", builderPage.Document.QuerySelector("#household-people")!.TextContent);
        Assert.DoesNotContain("Rolstoel", builderPage.Text);

        // Accepting twice changes nothing more.
        var again = await MatchingJourney.PostAsync(run, coordinator, "handler=Accept", $"proposal={proposalId}");
        Assert.NotEmpty(again.Errors);
        Assert.Equal(1, await app.WithDbAsync(db => db.GroupEvents.CountAsync(e => e.GroupId == group && e.Kind == "Matched")));
    }

    [Fact]
    public async Task Unmatched_AreExplained_RejectingExcludesThePair_AndTheNextRunTakesTheOther()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        await MatchingJourney.BuilderAsync(app, admin, "bouwer@samenhier.nl", "den-haag", "ar", capacity: 1);
        var group = await MatchingJourney.ReadyGroupAsync(app, coordinator, "dh", name: "Enige Groep");
        var first = await NewcomerJourney.AddAsync(coordinator, app, "Familie Een", "den-haag");
        var second = await NewcomerJourney.AddAsync(coordinator, app, "Familie Twee", "den-haag");

        var run = await MatchingJourney.RunAsync(coordinator, app, "den-haag");

        // One group for two households: one proposal, and the other household is told why it has none.
        var proposal = Assert.Single(run.Document.QuerySelectorAll("section.sh-proposal"));
        var proposed = proposal.QuerySelector("h3")!.TextContent.StartsWith("Familie Een", StringComparison.Ordinal) ? first : second;
        var unmatched = Assert.Single(run.Document.QuerySelectorAll("#unmatched-households-list > li"));
        Assert.Contains("er waren passende groepen, maar die gingen naar huishoudens", unmatched.TextContent);
        Assert.Contains("Enige Groep: score", unmatched.TextContent);

        // Rejecting needs a reason, and keeps the page as it was typed when it is missing.
        var reject = await Page.GetAsync(coordinator, run.Document.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Afwijzen", StringComparison.Ordinal)).GetAttribute("href")!);
        var noReason = await reject.SubmitAsync(coordinator, ("Reason", "  "));
        Assert.Equal(["Vul de reden in."], noReason.Errors);
        var rejected = await noReason.SubmitAsync(coordinator, ("Reason", "Woonruimte is te ver van de groep."));
        Assert.Contains("Afgewezen: dit paar wordt niet meer voorgesteld.", rejected.Text);

        var rule = await app.WithDbAsync(db => db.PairRules.SingleAsync());
        Assert.Equal((PairRuleKind.Excluded, proposed, group), (rule.Kind, rule.HouseholdId, rule.GroupId));
        Assert.Equal("Woonruimte is te ver van de groep.", rule.Reason);

        // The next run proposes the other household, and says why the first has none.
        var next = await MatchingJourney.RunAsync(coordinator, app, "den-haag");
        var label = proposed == first ? "Familie Twee" : "Familie Een";
        Assert.NotNull(MatchingJourney.Proposal(next, label));
        Assert.Contains("elke passende groep is uitgesloten.", next.Document.QuerySelector("#unmatched-households-list")!.TextContent);

        // Lifting the exclusion on the matching page: it is gone from the list.
        var matching = await Page.GetAsync(coordinator, "/beheer/koppelen");
        Assert.Contains("Woonruimte is te ver van de groep.", matching.Document.QuerySelector("#rules-list")!.TextContent);
        var lifted = await MatchingJourney.PostAsync(matching, coordinator, "handler=Lift", $"rule={rule.Id}");
        Assert.Null(lifted.Document.QuerySelector("#rules-list"));
        Assert.NotNull(await app.WithDbAsync(db => db.PairRules.Where(r => r.Id == rule.Id).Select(r => r.LiftedAt).SingleAsync()));
    }

    [Fact]
    public async Task PinningAnAlternative_KeepsThatPairInTheNextRun_AndABuilderShortageIsNamed()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        var (builder, _) = await MatchingJourney.BuilderAsync(app, admin, "bouwer@samenhier.nl", "den-haag", "ti", capacity: 1);
        var groupA = await MatchingJourney.ReadyGroupAsync(app, coordinator, "aa", name: "Groep A");
        var groupB = await MatchingJourney.ReadyGroupAsync(app, coordinator, "bb", name: "Groep B");
        var household = await NewcomerJourney.AddAsync(coordinator, app, "Familie Pin", "den-haag");

        // The only builder speaks Tigrinya (and Dutch), the household Arabic and English: nobody is proposed, and the page says why.
        var run = await MatchingJourney.RunAsync(coordinator, app, "den-haag");
        Assert.Empty(run.Document.QuerySelectorAll("section.sh-proposal"));
        Assert.Contains("geen community bouwer die Arabisch of Engels spreekt heeft ruimte in Den Haag.", run.Document.QuerySelector("#unmatched-households-list")!.TextContent);
        var matching = await Page.GetAsync(coordinator, "/beheer/koppelen");
        Assert.Contains("Werf community bouwers: 1 wachtende huishoudens in Den Haag zouden nu geen community bouwer krijgen. Talen: Arabisch (1), Engels (1).",
            matching.Document.QuerySelectorAll(".sh-advice").Select(a => a.TextContent).Single(a => a.Contains("Den Haag", StringComparison.Ordinal)));

        // With Arabic added, the household gets a proposal; pinning its alternative keeps that pair in the next run.
        var profile = await Page.GetAsync(admin, $"/beheer/community-bouwers/{builder}");
        await profile.SubmitAsync(admin, ("Input.Capacity", "1"), ("Input.Languages", "ar"));
        var second = await MatchingJourney.RunAsync(coordinator, app, "den-haag");
        var proposal = MatchingJourney.Proposal(second, "Familie Pin");
        var proposedGroup = proposal.QuerySelector("h3")!.TextContent.Contains("Groep A", StringComparison.Ordinal) ? groupA : groupB;
        var alternative = proposedGroup == groupA ? groupB : groupA;
        var pinned = await MatchingJourney.PostAsync(second, coordinator, "handler=Pin", $"household={household}", $"group={alternative}");
        Assert.Contains("Vastgezet: de volgende ronde houdt dit paar bij elkaar.", pinned.Text);

        var third = await MatchingJourney.RunAsync(coordinator, app, "den-haag");
        var kept = MatchingJourney.Proposal(third, "Familie Pin");
        Assert.Contains(proposedGroup == groupA ? "Groep B" : "Groep A", kept.QuerySelector("h3")!.TextContent);
        Assert.Contains("Vastgezet", kept.TextContent);
        Assert.Equal("bouwer", kept.QuerySelector(".proposal-builder")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheHouseholdsProfile_IsSharedWithItsGroupOnlyWithConsent_AndWithdrawingTakesEffect()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        await MatchingJourney.BuilderAsync(app, admin, "bouwer@samenhier.nl", "den-haag", "ar", capacity: 1);
        var group = await MatchingJourney.ReadyGroupAsync(app, coordinator, "dh");
        await NewcomerJourney.AddAsync(coordinator, app, "Familie Delen", "den-haag", email: "delen@voorbeeld.nl");
        var run = await MatchingJourney.RunAsync(coordinator, app, "den-haag");
        await MatchingJourney.PostAsync(run, coordinator, "handler=Accept");

        // Matched, but no consent yet: the group knows it was matched, not with whom.
        var member = await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl");
        var before = await Page.GetAsync(member, "/mijn-groep");
        Assert.NotNull(before.Document.QuerySelector("#household-waiting"));
        Assert.DoesNotContain("Amal", before.Text);
        Assert.DoesNotContain("Familie Delen", before.Text);

        // The household agrees on its own page; the group sees first names, never the restricted fields.
        var newcomer = await MemberJourney.SignInAsync(app, "delen@voorbeeld.nl", "/nieuwkomer");
        await newcomer.GetAsync("/taal/nl");
        var details = await Page.GetAsync(newcomer, "/mijn-gegevens");
        var shared = await details.SubmitAsync(newcomer, [], "handler=Share");
        Assert.Contains("U deelt dit met uw groep sinds", shared.Document.QuerySelector("#sharing-state")!.TextContent);
        // The words agreed to are recorded with the consent, in the language read.
        var consent = await app.WithDbAsync(db => db.NewcomerHouseholds.Join(db.ConsentTexts, h => h.ProfileConsentTextId, c => c.Id, (h, c) => c).SingleAsync());
        Assert.Equal(("profile-sharing", "nl"), (consent.Kind, consent.Language));
        Assert.EndsWith("Ja, mijn groep mag dit zien", consent.Text, StringComparison.Ordinal);
        var after = await Page.GetAsync(member, "/mijn-groep");
        Assert.Contains("Amal (1988), Arabisch, Engels – Verpleegkundige worden", after.Document.QuerySelector("#household")!.TextContent);
        Assert.Contains("Yusuf (2015)", after.Text);
        Assert.DoesNotContain("Rolstoel", after.Text);
        var groupPage = await Page.GetAsync(coordinator, $"/beheer/groepen/{group}");
        Assert.Contains("het huishouden zelf", groupPage.Document.QuerySelector("#profile-consent")!.TextContent);

        // Withdrawn: the group's page stops showing it at once.
        var withdrawn = await (await Page.GetAsync(newcomer, "/mijn-gegevens")).SubmitAsync(newcomer, [], "handler=StopSharing");
        Assert.Contains("U deelt dit nu niet met een groep.", withdrawn.Text);
        Assert.DoesNotContain("Amal", (await Page.GetAsync(member, "/mijn-groep")).Text);

        // Consent given in person, recorded by the coordinator on the group's page.
        var recorded = await (await Page.GetAsync(coordinator, $"/beheer/groepen/{group}")).SubmitAsync(coordinator, [], "handler=ProfileConsent");
        Assert.Contains("(vastgelegd door coordinator)", recorded.Document.QuerySelector("#profile-consent")!.TextContent);
        // Told in person: the words recorded are the portal's in the household's contact language.
        var told = await app.WithDbAsync(db => db.NewcomerHouseholds.Join(db.ConsentTexts, h => h.ProfileConsentTextId, c => c.Id, (h, c) => new { c.Language, c.Text, h.ContactLanguage }).SingleAsync());
        Assert.Equal(told.ContactLanguage, told.Language);
        Assert.NotEqual(consent.Text, told.Text);
        Assert.Contains("Amal (1988)", (await Page.GetAsync(member, "/mijn-groep")).Text);
        Assert.Equal(["Created", "Matched", "ProfileConsent", "ProfileConsentWithdrawn", "ProfileConsent"],
            await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Subject == "newcomer").OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync()));
    }

    [Fact]
    public async Task TheHomesAMunicipalityHasLeft_LimitTheRun_AndAnAcceptedMatchTakesItsPersonsOff()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        await MatchingJourney.BuilderAsync(app, admin, "bouwer@samenhier.nl", "den-haag", "ar", capacity: 4);
        await MatchingJourney.ReadyGroupAsync(app, coordinator, "aa", name: "Groep A");
        await MatchingJourney.ReadyGroupAsync(app, coordinator, "bb", name: "Groep B");
        await NewcomerJourney.AddAsync(coordinator, app, "Familie Een", "den-haag");
        await NewcomerJourney.AddAsync(coordinator, app, "Familie Twee", "den-haag");

        // National staff say Den Haag has homes for three more persons: two households of two do not both fit.
        var denHaag = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "den-haag").Select(c => c.Id).SingleAsync());
        var edit = await Page.GetAsync(admin, $"/beheer/steden/{denHaag}");
        var bad = await edit.SubmitAsync(admin, ("Input.HousingPlaces", "drie"));
        Assert.Equal(["Vul een heel getal in van 0 tot 100000, of laat het leeg."], bad.Errors);
        Assert.Equal("drie", bad.Value("Input.HousingPlaces"));
        Assert.Empty((await bad.SubmitAsync(admin, ("Input.HousingPlaces", "3"))).Errors);

        var run = await MatchingJourney.RunAsync(coordinator, app, "den-haag");
        Assert.Single(run.Document.QuerySelectorAll("section.sh-proposal"));
        Assert.Contains("Bewezen optimaal", run.Document.QuerySelector("#run-summary")!.TextContent);
        Assert.Contains("de woonplekken die Den Haag nog heeft voor hervestigde nieuwkomers zijn niet genoeg voor dit huishouden.",
            run.Document.QuerySelector("#unmatched-households-list")!.TextContent);

        await MatchingJourney.PostAsync(run, coordinator, "handler=Accept");
        Assert.Equal(1, await app.WithDbAsync(db => db.Cities.Where(c => c.Id == denHaag).Select(c => c.HousingPlaces).SingleAsync()));
        var matching = await Page.GetAsync(coordinator, "/beheer/koppelen");
        Assert.Contains("nog 1 personen", matching.Document.QuerySelector($"#housing-{denHaag}")!.TextContent);
    }

    [Fact]
    public async Task RunsAndDecisions_StayWithinTheCoordinatorsCities()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        var other = await StaffJourney.InviteAsync(app, admin, "rdam@samenhier.nl", "Coordinator", "rotterdam");
        await MatchingJourney.BuilderAsync(app, admin, "bouwer@samenhier.nl", "den-haag", "ar", capacity: 1);
        var group = await MatchingJourney.ReadyGroupAsync(app, coordinator, "dh");
        var household = await NewcomerJourney.AddAsync(coordinator, app, "Familie Scope", "den-haag");
        var run = await MatchingJourney.RunAsync(coordinator, app, "den-haag");
        var proposal = await app.WithDbAsync(db => db.MatchProposals.SingleAsync());

        // National staff can run every city at once; the run covers all of them.
        var all = await (await Page.GetAsync(admin, "/beheer/koppelen")).SubmitAsync(admin, [new("All", "yes")], "handler=Run");
        var everyCity = await app.WithDbAsync(db => db.Cities.CountAsync());
        var allRun = Guid.Parse(all.Path.Split('/')[^1]);
        Assert.Equal(everyCity, (await app.WithDbAsync(db => db.MatchingRuns.Where(r => r.Id == allRun).Select(r => r.CityIds).SingleAsync())).Split(',').Length);
        Assert.NotNull(MatchingJourney.Proposal(all, "Familie Scope"));

        // Rotterdam's coordinator cannot see the run, nor act on it, nor run Den Haag.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(run.Path)).StatusCode);
        var otherPage = await Page.GetAsync(other, "/beheer/koppelen");
        Assert.DoesNotContain("Den Haag", otherPage.Document.QuerySelector("form")!.TextContent);
        var token = otherPage.Value("__RequestVerificationToken")!;
        foreach (var handler in new[] { $"handler=Accept&proposal={proposal.Id}", $"handler=Pin&household={household}&group={group}" })
        {
            using var response = await other.PostAsync($"{run.Path}?{handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var denHaag = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "den-haag").Select(c => c.Id).SingleAsync());
        var post = await otherPage.SubmitAsync(other, [new("Cities", denHaag.ToString(System.Globalization.CultureInfo.InvariantCulture))], "handler=Run");
        Assert.Equal(["Kies uit de lijst."], post.Errors);

        Assert.Equal(2, await app.WithDbAsync(db => db.MatchingRuns.CountAsync()));
        Assert.Equal(GroupStatus.ReadyToMatch, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group).Select(g => g.Status).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.MatchProposals.AllAsync(p => p.Status == ProposalStatus.Proposed)));
        Assert.Equal(0, await app.WithDbAsync(db => db.PairRules.CountAsync()));
    }
}
