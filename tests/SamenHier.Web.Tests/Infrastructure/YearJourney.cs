using Microsoft.EntityFrameworkCore;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>A group through matching into its year, as staff and members do it.</summary>
public static class YearJourney
{
    public sealed record Matched(HttpClient Admin, string AdminKey, HttpClient Coordinator, Guid BuilderId, HttpClient Builder, Guid Group, Guid Household);

    /// <summary>
    /// A sponsor group in Den Haag (members dh1…dh5@voorbeeld.nl), made ready (with its plan approved)
    /// and matched through a run with a household (contact <paramref name="householdEmail"/>) and a builder.
    /// </summary>
    public static async Task<Matched> MatchedAsync(AppFactory app, string householdEmail = "familie@voorbeeld.nl", string language = "ar")
    {
        var (admin, adminKey) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        var (builderId, builder) = await MatchingJourney.BuilderAsync(app, admin, "bouwer@samenhier.nl", "den-haag", language, capacity: 2);
        var group = await MatchingJourney.ReadyGroupAsync(app, coordinator, "dh", name: "Buren Regentesse");
        var household = await NewcomerJourney.AddAsync(coordinator, app, "Familie Haddad", "den-haag", email: householdEmail);
        var run = await MatchingJourney.RunAsync(coordinator, app, "den-haag");
        var accepted = await MatchingJourney.PostAsync(run, coordinator, "handler=Accept");
        Assert.Empty(accepted.Errors);
        return new Matched(admin, adminKey, coordinator, builderId, builder, group, household);
    }

    /// <summary>National staff signing in again (after the test clock moved on beyond the session).</summary>
    public static async Task<HttpClient> AdminAgainAsync(AppFactory app, Matched m)
    {
        var client = app.Client();
        var signedIn = await StaffJourney.SignInAsync(client, "admin@samenhier.nl", StaffJourney.Password, m.AdminKey);
        Assert.Equal("/beheer", signedIn.Path);
        return client;
    }

    /// <summary>Records on the group's year page that the year began on <paramref name="on"/>.</summary>
    public static async Task<Page> StartYearAsync(HttpClient staff, Guid group, string on)
    {
        var year = await Page.GetAsync(staff, $"/beheer/groepen/{group}/jaar");
        return await year.SubmitAsync(staff, [new("StartDate", on)], "handler=StartYear");
    }

    /// <summary>Sets the arrival date on the group's year page.</summary>
    public static async Task<Page> SetArrivalAsync(HttpClient staff, Guid group, string on)
    {
        var year = await Page.GetAsync(staff, $"/beheer/groepen/{group}/jaar");
        return await year.SubmitAsync(staff, [new("ArrivalDate", on)], "handler=Arrival");
    }

    /// <summary>Ticks a task off from the member's plan page: the form that carries the task's id.</summary>
    public static async Task<Page> TickAsync(HttpClient member, Guid task)
    {
        var plan = await Page.GetAsync(member, "/mijn-groep/plan");
        var form = plan.Document.QuerySelectorAll("form").Single(f => f.QuerySelector($"input[name='task'][value='{task}']") is not null);
        var stamp = form.QuerySelector("input[name='stamp']")!.GetAttribute("value")!;
        return await plan.SubmitAsync(member, [new("task", task.ToString()), new("stamp", stamp), new("status", "Done")], "handler=Status");
    }

    /// <summary>The ids of the group's members in order.</summary>
    public static Task<List<Guid>> MembersAsync(AppFactory app, Guid group) =>
        app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == group).OrderBy(m => m.Position).Select(m => m.Id).ToListAsync());
}
