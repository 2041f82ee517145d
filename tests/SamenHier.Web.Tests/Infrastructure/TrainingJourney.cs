using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Trainings;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>A group's trainings, done: as the coordinator records attendance after the sessions.</summary>
public static class TrainingJourney
{
    /// <summary>The coordinator schedules a session in Den Haag on its form; returns its id.</summary>
    public static async Task<Guid> ScheduleAsync(HttpClient coordinator, AppFactory app, string date, string start, int capacity, string module = "start")
    {
        var moduleId = await app.WithDbAsync(db => db.TrainingModules.Where(m => m.Key == module).Select(m => m.Id).SingleAsync());
        var city = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "den-haag").Select(c => c.Id).SingleAsync());
        var before = await app.WithDbAsync(db => db.TrainingSessions.Select(s => s.Id).ToListAsync());
        var form = await Page.GetAsync(coordinator, "/beheer/trainingen");
        var saved = await form.SubmitAsync(coordinator,
            ("Module", moduleId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("City", city.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Date", date), ("Start", start), ("End", "21:30"), ("Place", "Buurthuis De Kroon, Den Haag"), ("Capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Language", "nl"), ("Trainer", "Ans de Wit"));
        Assert.Empty(saved.Errors);
        return await app.WithDbAsync(db => db.TrainingSessions.Where(s => !before.Contains(s.Id)).Select(s => s.Id).SingleAsync());
    }

    /// <summary>A member registers or cancels ("Register", "Cancel") on their trainings page.</summary>
    public static async Task<Page> ActAsync(HttpClient member, Guid session, string handler)
    {
        var page = await Page.GetAsync(member, "/mijn-groep/trainingen");
        var form = page.Document.QuerySelectorAll($"form[action*='handler={handler}']").Single(f => f.QuerySelector($"input[value='{session}']") is not null);
        return await page.SubmitAsync(member, [new("session", session.ToString())], form.GetAttribute("action")!);
    }

    /// <summary>
    /// For each required module of the group's type, a session that took place yesterday with every
    /// member registered (arranged in the database: registering is tested over HTTP in
    /// TrainingTests), then the coordinator records on each session's page that all attended.
    /// </summary>
    public static async Task AttendAllAsync(AppFactory app, HttpClient coordinator, Guid group)
    {
        foreach (var session in await HeldYesterdayAsync(app, group))
        {
            var page = await Page.GetAsync(coordinator, $"/beheer/trainingen/{session}");
            var all = page.Document.QuerySelectorAll("input[name='Attended']").Select(b => new KeyValuePair<string, string>("Attended", b.GetAttribute("value")!)).ToList();
            Assert.NotEmpty(all);
            var saved = await page.SubmitAsync(coordinator, all, "handler=Attendance");
            Assert.Contains("De aanwezigheid is opgeslagen", saved.Text);
        }
    }

    /// <summary>A session of each required module for the group's type, held yesterday, with every member of the group registered.</summary>
    public static Task<List<Guid>> HeldYesterdayAsync(AppFactory app, Guid group) =>
        app.WithDbAsync(async db =>
        {
            var g = await db.Groups.Include(x => x.Members).SingleAsync(x => x.Id == group);
            var modules = await db.TrainingModules.Where(m => m.Required && (m.GroupType == null || m.GroupType == g.Type)).ToListAsync();
            var yesterday = (app.Time?.GetUtcNow() ?? DateTimeOffset.UtcNow).AddDays(-1);
            var ids = new List<Guid>();
            foreach (var module in modules)
            {
                var session = new TrainingSession
                {
                    Id = Guid.NewGuid(),
                    ModuleId = module.Id,
                    CityId = g.CityId,
                    StartsAt = yesterday,
                    EndsAt = yesterday.AddHours(2),
                    Place = "Buurthuis",
                    Capacity = 20,
                    Language = "nl",
                    Trainer = "Trainer",
                    CreatedAt = yesterday.AddDays(-30),
                    CreatedBy = "test",
                    Registrations = [.. g.Members.Select((m, i) => new TrainingRegistration
                    {
                        Id = Guid.NewGuid(),
                        MemberId = m.Id,
                        Status = RegistrationStatus.Registered,
                        CreatedAt = yesterday.AddDays(-20),
                        Position = i + 1,
                    })],
                };
                db.TrainingSessions.Add(session);
                ids.Add(session.Id);
            }

            await db.SaveChangesAsync();
            return ids;
        });
}
