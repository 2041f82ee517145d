using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Backoffice;

/// <summary>A coordinator takes a group from complete to ready to match; only when the rule allows, and never over someone else's change.</summary>
public sealed class GroupJourneyTests
{
    private static async Task<Page> PostAsync(HttpClient client, Guid group, string handler, params (string, string)[] fields)
    {
        var page = await Page.GetAsync(client, $"/beheer/groepen/{group}");
        return await page.SubmitAsync(client, fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), actionContains: $"handler={handler}");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Coordinator_TakesAGroupFromCompleteToReadyToMatch_AndEveryStepIsRecorded(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var groupId = await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");

        var early = await PostAsync(coordinator, groupId, "Ready");
        Assert.Equal(["Dit kan nu niet: kijk wat nog nodig is."], early.Errors);
        Assert.Equal(5, early.Document.QuerySelectorAll("#missing-items li").Length);

        await PostAsync(coordinator, groupId, "Intake", ("Date", "2026-11-20"));
        await PostAsync(coordinator, groupId, "Offer", ("MaxHouseholdSize", "4"));
        var members = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId).Select(m => m.Id).ToListAsync());
        foreach (var member in members)
        {
            await PostAsync(coordinator, groupId, "Vog", ("Member", member.ToString()), ("Outcome", "Cleared"), ("VogDate", "2026-11-25"));
        }

        await TrainingJourney.AttendAllAsync(app, coordinator, groupId);
        await StaffJourney.ApprovePlanAsync(coordinator, groupId);
        var beforeReady = await Page.GetAsync(coordinator, $"/beheer/groepen/{groupId}");
        Assert.Contains("Alles is rond.", beforeReady.Text);
        var ready = await PostAsync(coordinator, groupId, "Ready");

        Assert.Equal("Klaar om te koppelen", ready.Document.QuerySelector("#stage")!.TextContent);
        var group = await app.WithDbAsync(db => db.Groups.Include(g => g.Members).Include(g => g.Events).SingleAsync(g => g.Id == groupId));
        Assert.Equal(GroupStatus.ReadyToMatch, group.Status);
        Assert.Equal(new DateOnly(2026, 11, 20), group.IntakeDoneOn);
        Assert.All(group.Members, m =>
        {
            Assert.Equal(VogOutcome.Cleared, m.VogOutcome);
            Assert.Equal("coordinator", m.VogCheckedBy);
        });
        Assert.Equal(["IntakeDone", "OfferRecorded", "VogChecked", "VogChecked", "VogChecked", "VogChecked", "VogChecked", "TrainingsDone", "PlanStarted", "GoalsSet", "ReadyToMatch"],
            group.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        Assert.All(group.Events, e => Assert.Equal("coordinator", e.ByName));
        Assert.Contains("Klaar om te koppelen", ready.Document.QuerySelector("#history-list")!.TextContent);
    }

    [Fact]
    public async Task ReadyToMatch_NeedsEveryVogCleared()
    {
        await using var app = new AppFactory();
        var groupId = await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await PostAsync(admin, groupId, "Intake", ("Date", "2026-11-20"));
        await PostAsync(admin, groupId, "Offer", ("MaxHouseholdSize", "4"));
        var members = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId).OrderBy(m => m.Position).Select(m => m.Id).ToListAsync());
        foreach (var member in members)
        {
            await PostAsync(admin, groupId, "Vog", ("Member", member.ToString()), ("Outcome", member == members[2] ? "NotCleared" : "Cleared"), ("VogDate", "2026-11-25"));
        }

        await TrainingJourney.AttendAllAsync(app, admin, groupId);
        await StaffJourney.ApprovePlanAsync(admin, groupId);
        var page = await PostAsync(admin, groupId, "Ready");

        Assert.NotEmpty(page.Errors);
        Assert.Equal(["De VOG van ieder groepslid is gecontroleerd en in orde"], page.Document.QuerySelectorAll("#missing-items li").Select(li => li.TextContent));
        Assert.Equal(GroupStatus.Complete, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).Select(g => g.Status).SingleAsync()));
    }

    [Fact]
    public async Task TwoPeopleChangingTheSameGroup_TheSecondIsToldAndNothingIsOverwritten()
    {
        await using var app = new AppFactory();
        var groupId = await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");

        // Both open the group; the admin records the intake first.
        var adminPage = await Page.GetAsync(admin, $"/beheer/groepen/{groupId}");
        var coordinatorPage = await Page.GetAsync(coordinator, $"/beheer/groepen/{groupId}");
        await adminPage.SubmitAsync(admin, [new("Date", "2026-11-20")], actionContains: "handler=Intake");
        var late = await coordinatorPage.SubmitAsync(coordinator, [new("Date", "2026-11-21")], actionContains: "handler=Intake");

        Assert.Contains("Iemand anders heeft deze groep net gewijzigd", late.Errors.Single());
        Assert.Contains("Kennismaking gehouden: 2026-11-20", late.Document.QuerySelector("#history-list")!.TextContent);
        Assert.Equal(new DateOnly(2026, 11, 20), await app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).Select(g => g.IntakeDoneOn).SingleAsync()));
        Assert.Equal("2026-11-21", late.Value("Date"));

        // With the new version, the coordinator's correction goes through.
        var again = await late.SubmitAsync(coordinator, [new("Date", "2026-11-21")], actionContains: "handler=Intake");
        Assert.Empty(again.Errors);
        Assert.Equal(new DateOnly(2026, 11, 21), await app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).Select(g => g.IntakeDoneOn).SingleAsync()));
    }

    [Fact]
    public async Task Withdrawing_NeedsAReason_AndFreesTheAddresses()
    {
        await using var app = new AppFactory();
        var groupId = await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var noReason = await PostAsync(admin, groupId, "Withdraw", ("Reason", " "), ("ReasonCategory", "Verhuizing"));
        Assert.Equal(["Kies waarom de groep stopt.", "Vul de reden in."], noReason.Errors);

        var done = await PostAsync(admin, groupId, "Withdraw", ("ReasonCategory", "MembersMoved"), ("Reason", "Twee leden verhuizen."));
        Assert.Equal("Gestopt", done.Document.QuerySelector("#stage")!.TextContent);
        Assert.Contains("Twee leden verhuizen.", done.Document.QuerySelector("#history-list")!.TextContent);
        Assert.Equal(WithdrawalReason.MembersMoved, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).Select(g => g.WithdrawnFor).SingleAsync()));

        // The same people can sign up again in a new group.
        await SignUpJourney.SubmitAsync(app.Client(), member: i => SignUpJourney.Member(i, email: $"dh{i}@voorbeeld.nl"));
        Assert.Equal(2, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task Coordinator_RecordsWhatTheGroupCanOffer_AndBadInputKeepsWhatWasTyped()
    {
        await using var app = new AppFactory();
        var groupId = await StaffJourney.CompleteGroupAsync(app, "bied");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var bad = await PostAsync(admin, groupId, "Offer", ("MaxHouseholdSize", "veel"), ("Accessibility", "lift"));
        Assert.Equal(["Vul een aantal personen in van 1 tot 12."], bad.Errors);
        Assert.Equal("veel", bad.Value("MaxHouseholdSize"));
        Assert.True(bad.Document.QuerySelector("input[name='Accessibility'][value='lift']")!.HasAttribute("checked"));

        var saved = await PostAsync(admin, groupId, "Offer", ("MaxHouseholdSize", "6"), ("Accessibility", "wheelchair"), ("Accessibility", "lift"), ("Children", "yes"));
        Assert.Empty(saved.Errors);
        Assert.Equal("6", saved.Value("MaxHouseholdSize"));
        var group = await app.WithDbAsync(db => db.Groups.Include(g => g.Events).SingleAsync(g => g.Id == groupId));
        Assert.Equal((6, "wheelchair,lift", true), (group.MaxHouseholdSize, group.AccessibilityOffered, group.ChildrenExperience));
        Assert.Contains(group.Events, e => e.Kind == "OfferRecorded");
    }
}
