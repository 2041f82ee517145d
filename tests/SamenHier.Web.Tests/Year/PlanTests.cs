using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Year;

/// <summary>A group plans the arrival (or its goals) from a template; the coordinator approves; the dates follow the arrival.</summary>
public sealed class PlanTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Member_StartsThePlanFromTheStandardTemplate_TicksOffAndChangesTasks_AndTheCoordinatorApproves(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var group = await StaffJourney.CompleteGroupAsync(app, "dh", type: "Sponsor", groupName: "Buren Regentesse");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        var member = await MemberJourney.SignInAsync(app, "dh2@voorbeeld.nl");

        var empty = await Page.GetAsync(member, "/mijn-groep/plan");
        Assert.Contains("Jullie actieplan is nog leeg", empty.Text);
        var started = await empty.SubmitAsync(member, [], "handler=Start");
        Assert.Empty(started.Errors);

        // Every section of the first weeks, with the standard tasks.
        var sections = started.Document.QuerySelectorAll("section.sh-plan-section h2").Select(h => h.TextContent).ToList();
        Assert.Equal(16, sections.Count);
        Assert.Equal("Woning en inrichting", sections[0]);
        Assert.Contains("Zorgverzekering", sections);
        Assert.Equal("Na het jaar (exitplan)", sections[^1]);
        var tasks = await app.WithDbAsync(db => db.PlanTasks.Where(x => x.GroupId == group).ToListAsync());
        Assert.Equal(Plans.StandardTemplate.Count(x => x.Type == Features.Cities.GroupType.Sponsor), tasks.Count);
        Assert.Contains("0 van 22 taken afgerond", started.Document.QuerySelector("#progress")!.TextContent);
        // No arrival date yet: the tasks say when relative to it.
        Assert.Contains("28 dagen voor aankomst", started.Text);

        // Starting twice adds nothing.
        var again = await member.PostAsync("/mijn-groep/plan?handler=Start", new FormUrlEncodedContent([new("__RequestVerificationToken", started.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!)]));
        Assert.Equal(22, await app.WithDbAsync(db => db.PlanTasks.CountAsync(x => x.GroupId == group)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // Tick off one task from the list.
        var insurance = tasks.Single(x => x.Section == PlanSection.Insurance);
        var ticked = await YearJourney.TickAsync(member, insurance.Id);
        Assert.Contains("1 van 22 taken afgerond", ticked.Document.QuerySelector("#progress")!.TextContent);
        Assert.Equal(PlanTaskStatus.Done, await app.WithDbAsync(db => db.PlanTasks.Where(x => x.Id == insurance.Id).Select(x => x.Status).SingleAsync()));

        // Change a task: two owners, a new date, a note. Bad days keep what was typed.
        var members = await YearJourney.MembersAsync(app, group);
        var bank = tasks.Single(x => x.Section == PlanSection.Bank);
        var edit = await Page.GetAsync(member, $"/mijn-groep/plan/taak/{bank.Id}");
        Assert.Equal("7", edit.Value("Days"));
        var bad = await edit.SubmitAsync(member, ("Title", "Rekening openen bij de bank op het plein"), ("Days", "zeven"), ("Notes", "Paspoort meenemen"));
        Assert.Equal(["Vul een aantal dagen in tussen 0 en 730, of laat het leeg."], bad.Errors);
        Assert.Equal("Rekening openen bij de bank op het plein", bad.Value("Title"));
        Assert.Equal("zeven", bad.Value("Days"));
        Assert.Equal("Paspoort meenemen", bad.Document.QuerySelector("textarea[name='Notes']")!.TextContent);
        var saved = await bad.SubmitAsync(member, ("Days", "10"), ("Owners", members[1].ToString()), ("Owners", members[3].ToString()));
        Assert.Empty(saved.Errors);
        var changed = await app.WithDbAsync(db => db.PlanTasks.Include(x => x.Owners).SingleAsync(x => x.Id == bank.Id));
        Assert.Equal("Rekening openen bij de bank op het plein", changed.Title);
        Assert.Equal(10, changed.OffsetDays);
        Assert.Equal("Paspoort meenemen", changed.Notes);
        Assert.Equal(new[] { members[1], members[3] }.Order(), changed.Owners.Select(o => o.MemberId).Order());

        // A member of another group cannot open this group's task.
        await StaffJourney.CompleteGroupAsync(app, "rd", city: "rotterdam", type: "Sponsor");
        var other = await MemberJourney.SignInAsync(app, "rd1@voorbeeld.nl");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/mijn-groep/plan/taak/{bank.Id}")).StatusCode);

        // Submitted, then approved on the group's year page: the readiness item is done.
        var plan = await Page.GetAsync(member, "/mijn-groep/plan");
        var submitted = await plan.SubmitAsync(member, [], "handler=Submit");
        Assert.Contains("Het plan is ingediend", submitted.Text);
        var year = await Page.GetAsync(coordinator, $"/beheer/groepen/{group}/jaar");
        Assert.Contains("Ingediend op", year.Document.QuerySelector("#plan-status")!.TextContent);
        Assert.Equal(22, year.Document.QuerySelectorAll("#plan-tasks tbody tr").Length);
        var approved = await year.SubmitAsync(coordinator, [], "handler=Approve");
        Assert.Empty(approved.Errors);
        var stored = await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Id == group));
        Assert.NotNull(stored.PlanApprovedAt);
        Assert.DoesNotContain(GroupReadiness.Item.Plan, GroupReadiness.Missing(stored));
        var events = await app.WithDbAsync(db => db.GroupEvents.Where(e => e.GroupId == group).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal(["PlanStarted", "PlanSubmitted", "PlanApproved"], events.Where(k => k.StartsWith("Plan", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ApprovingAPlanThatHasNoTasks_IsRefused()
    {
        await using var app = new AppFactory();
        var group = await StaffJourney.CompleteGroupAsync(app, "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var year = await Page.GetAsync(admin, $"/beheer/groepen/{group}/jaar");
        Assert.Null(year.Document.QuerySelector("form[action*='handler=Approve']"));
        var token = year.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var stamp = await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group).Select(g => g.ConcurrencyStamp).SingleAsync());
        var refused = await Page.FromAsync(await admin.PostAsync($"/beheer/groepen/{group}/jaar?handler=Approve",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Stamp", stamp.ToString())])));
        Assert.Equal(["Dit kan nu niet: kijk wat nog nodig is."], refused.Errors);
        Assert.Null(await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group).Select(g => g.PlanApprovedAt).SingleAsync()));
    }

    [Fact]
    public async Task MovingTheArrivalDate_MovesEveryDueDate()
    {
        await using var app = new AppFactory();
        var group = await StaffJourney.CompleteGroupAsync(app, "dh", type: "Sponsor");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var member = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        await (await Page.GetAsync(member, "/mijn-groep/plan")).SubmitAsync(member, [], "handler=Start");
        var offsets = await app.WithDbAsync(db => db.PlanTasks.Where(x => x.GroupId == group).Select(x => x.OffsetDays!.Value).ToListAsync());

        async Task<List<string>> DueDatesAsync() =>
            [.. (await Page.GetAsync(member, "/mijn-groep/plan")).Document.QuerySelectorAll(".sh-task time").Select(t => t.GetAttribute("datetime")!).Order()];

        Assert.Empty(await DueDatesAsync());
        var set = await YearJourney.SetArrivalAsync(admin, group, "2027-03-01");
        Assert.Empty(set.Errors);
        Assert.Equal(offsets.Select(d => new DateOnly(2027, 3, 1).AddDays(d).ToString("yyyy-MM-dd")).Order(), await DueDatesAsync());

        var moved = await YearJourney.SetArrivalAsync(admin, group, "2027-04-15");
        Assert.Empty(moved.Errors);
        Assert.Equal(offsets.Select(d => new DateOnly(2027, 4, 15).AddDays(d).ToString("yyyy-MM-dd")).Order(), await DueDatesAsync());
        Assert.Contains("Aankomst: 15 april 2027", (await Page.GetAsync(member, "/mijn-groep/plan")).Document.QuerySelector("#arrival")!.TextContent);

        // A date that is not a date is refused, and the old one stays.
        var bad = await YearJourney.SetArrivalAsync(admin, group, "15-04-2027");
        Assert.Equal(["Vul een datum in als jjjj-mm-dd, niet meer dan drie jaar vooruit."], bad.Errors);
        Assert.Equal("15-04-2027", bad.Value("ArrivalDate"));
        Assert.Equal(new DateOnly(2027, 4, 15), await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group).Select(g => g.ArrivalOn).SingleAsync()));
    }

    [Fact]
    public async Task ACitysOwnTemplate_IsWhatNewPlansStartFrom_AndTasksLinkToTheKnowledgeBase()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");

        // A knowledge base article for Den Haag.
        var article = await Page.GetAsync(coordinator, "/beheer/kennisbank/artikel?stad=den-haag");
        var badLink = await article.SubmitAsync(coordinator, ("Section", "Healthcare"), ("Title", "Huisarts vinden in Den Haag"), ("Body", "Bel de praktijk in uw wijk.\nNeem het BSN mee."), ("Link", "javascript:alert(1)"));
        Assert.Equal(["Vul een webadres in dat begint met https:// of http://."], badLink.Errors);
        Assert.Equal("Huisarts vinden in Den Haag", badLink.Value("Title"));
        var savedArticle = await badLink.SubmitAsync(coordinator, ("Link", "https://www.denhaag.nl/"));
        Assert.Empty(savedArticle.Errors);
        var articleId = await app.WithDbAsync(db => db.KnowledgeArticles.Select(a => a.Id).SingleAsync());

        // The coordinator copies the standard template for welcome groups and adds a task linked to the article.
        var templates = await Page.GetAsync(coordinator, "/beheer/sjablonen?stad=den-haag&soort=Welcome");
        Assert.NotNull(templates.Document.QuerySelector("#uses-standard"));
        var copied = await templates.SubmitAsync(coordinator, [], "handler=Copy");
        Assert.Equal(8, copied.Document.QuerySelectorAll("#template-tasks li").Length);
        var add = await Page.GetAsync(coordinator, "/beheer/sjablonen/taak?stad=den-haag&soort=Welcome");
        var added = await add.SubmitAsync(coordinator, ("Title", "Samen naar het spreekuur van de huisarts"), ("Section", "GoalNetwork"), ("Days", "20"), ("When", "after"), ("Article", articleId.ToString()));
        Assert.Empty(added.Errors);
        Assert.Equal(9, added.Document.QuerySelectorAll("#template-tasks li").Length);

        // A new welcome group's plan starts from it; the member sees the link to the article.
        var group = await StaffJourney.CompleteGroupAsync(app, "dh");
        var member = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        var plan = await (await Page.GetAsync(member, "/mijn-groep/plan")).SubmitAsync(member, [], "handler=Start");
        Assert.Equal(9, await app.WithDbAsync(db => db.PlanTasks.CountAsync(x => x.GroupId == group)));
        var link = plan.Document.QuerySelectorAll("a").Single(a => a.TextContent == "Huisarts vinden in Den Haag");
        Assert.Equal($"/mijn-groep/kennisbank#artikel-{articleId}", link.GetAttribute("href"));
        var knowledge = await Page.GetAsync(member, "/mijn-groep/kennisbank");
        Assert.Contains("Neem het BSN mee.", knowledge.Document.QuerySelector($"#artikel-{articleId}")!.TextContent);

        // Welcome groups set goals for the year.
        var goals = await Page.GetAsync(member, "/mijn-groep/plan/doelen");
        var savedGoals = await goals.SubmitAsync(member, ("GoalLanguage", "In juni zelf de huisarts bellen"), ("GoalWork", "Een stage in de zorg"));
        Assert.Empty(savedGoals.Errors);
        Assert.Contains("In juni zelf de huisarts bellen", savedGoals.Text);
        Assert.Equal(2, await app.WithDbAsync(db => db.PlanGoals.CountAsync(x => x.GroupId == group)));

        // The coordinator of another city cannot reach this city's template or article.
        var other = await StaffJourney.InviteAsync(app, admin, "rdam@samenhier.nl", "Coordinator", "rotterdam");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/beheer/kennisbank/artikel/{articleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/beheer/sjablonen?stad=den-haag")).StatusCode);
    }
}
