using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Year;

/// <summary>
/// A group's plan: sponsor groups plan the arrival and first weeks, welcome groups their goals for
/// the year, both what continues after it. Every change is made within a scope the caller gives (a
/// member's own group, or a staff member's groups), against the version the person saw.
/// </summary>
public sealed class Plans(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t)
{
    public enum Result
    {
        Done,
        NotFound,
        Conflict,
        NotAllowed,
    }

    /// <summary>What one task holds, as a person typed it (already checked).</summary>
    public sealed record TaskInput(
        PlanSection Section, string Title, int? OffsetDays, PlanTaskStatus Status, string? Notes, bool InvolvesNewcomer, Guid? ArticleId, IReadOnlyCollection<Guid> Owners);

    /// <summary>The standard template, used when a city has not made its own: section, text key, days from arrival, involves the newcomer.</summary>
    public static readonly IReadOnlyList<(GroupType Type, PlanSection Section, string Key, int Offset, bool Newcomer)> StandardTemplate =
    [
        (GroupType.Sponsor, PlanSection.Housing, "Viewing", -28, false),
        (GroupType.Sponsor, PlanSection.Housing, "Furnish", -14, false),
        (GroupType.Sponsor, PlanSection.Housing, "FirstGroceries", -2, false),
        (GroupType.Sponsor, PlanSection.Reception, "AgreeReception", -7, false),
        (GroupType.Sponsor, PlanSection.Reception, "Airport", 0, true),
        (GroupType.Sponsor, PlanSection.Registration, "Brp", 3, true),
        (GroupType.Sponsor, PlanSection.Bank, "BankAccount", 7, true),
        (GroupType.Sponsor, PlanSection.Insurance, "HealthInsurance", 7, true),
        (GroupType.Sponsor, PlanSection.Healthcare, "Gp", 10, true),
        (GroupType.Sponsor, PlanSection.Healthcare, "Dentist", 21, true),
        (GroupType.Sponsor, PlanSection.School, "SchoolPlaces", 14, true),
        (GroupType.Sponsor, PlanSection.Benefits, "Allowances", 7, true),
        (GroupType.Sponsor, PlanSection.Integration, "LanguageSchool", 21, true),
        (GroupType.Sponsor, PlanSection.Orientation, "Neighbourhood", 2, true),
        (GroupType.Sponsor, PlanSection.Orientation, "Transport", 5, true),
        (GroupType.Sponsor, PlanSection.Interpreters, "Interpreter", -7, false),
        (GroupType.Sponsor, PlanSection.WorkStudy, "WorkTalk", 42, true),
        (GroupType.Sponsor, PlanSection.Social, "Contacts", 30, true),
        (GroupType.Sponsor, PlanSection.Emotional, "Support", 14, false),
        (GroupType.Sponsor, PlanSection.Family, "FamilyReunion", 60, true),
        (GroupType.Sponsor, PlanSection.AfterYear, "ExitPlan", 180, true),
        (GroupType.Sponsor, PlanSection.AfterYear, "Handover", 330, true),
        (GroupType.Welcome, PlanSection.GoalLanguage, "WeeklyPractice", 7, true),
        (GroupType.Welcome, PlanSection.GoalLanguage, "LanguageCafe", 30, true),
        (GroupType.Welcome, PlanSection.GoalWork, "WorkTalk", 21, true),
        (GroupType.Welcome, PlanSection.GoalWork, "Visit", 90, true),
        (GroupType.Welcome, PlanSection.GoalNetwork, "Introductions", 30, true),
        (GroupType.Welcome, PlanSection.GoalLeisure, "Outing", 14, true),
        (GroupType.Welcome, PlanSection.AfterYear, "ExitPlan", 180, true),
        (GroupType.Welcome, PlanSection.AfterYear, "Handover", 330, true),
    ];

    public static IReadOnlyList<PlanSection> SectionsFor(GroupType type) => type == GroupType.Sponsor
        ? [.. Enum.GetValues<PlanSection>().Where(s => (int)s < (int)PlanSection.GoalLanguage || s == PlanSection.AfterYear)]
        : [PlanSection.GoalLanguage, PlanSection.GoalWork, PlanSection.GoalNetwork, PlanSection.GoalLeisure, PlanSection.AfterYear];

    /// <summary>The goal areas of a welcome group (each has a goal text besides its activities).</summary>
    public static bool IsGoal(PlanSection section) => section is >= PlanSection.GoalLanguage and <= PlanSection.GoalLeisure;

    /// <summary>A task's due date, counted from the group's arrival or first meeting (none while that date is not set).</summary>
    public static DateOnly? DueOn(PlanTask task, Group group) =>
        group.ArrivalOn is { } arrival && task.OffsetDays is { } days ? arrival.AddDays(days) : null;

    /// <summary>A group plans once all its members confirmed, until the year is over.</summary>
    public static bool CanPlan(Group group) => group.Status is GroupStatus.Complete or GroupStatus.ReadyToMatch or GroupStatus.Matched or GroupStatus.YearTogether;

    /// <summary>The text of a standard template task, in the current language.</summary>
    public string StandardTitle(GroupType type, string key) => t[$"Template_{type}_{key}"];

    /// <summary>The plan's tasks in section order, with their owners.</summary>
    public Task<List<PlanTask>> TasksAsync(Guid groupId, CancellationToken ct) =>
        db.PlanTasks.AsNoTracking().Where(x => x.GroupId == groupId).Include(x => x.Owners)
            .OrderBy(x => x.Section).ThenBy(x => x.OffsetDays == null).ThenBy(x => x.OffsetDays).ThenBy(x => x.Position)
            .ToListAsync(ct);

    /// <summary>
    /// Starts the plan from the city's template (or the standard one when the city has none). Only
    /// once: a plan that has tasks is not started again, also when two people press at once.
    /// </summary>
    public async Task<Result> StartAsync(IQueryable<Group> scope, Guid groupId, string byName, CancellationToken ct)
    {
        var group = await scope.SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return Result.NotFound;
        }

        if (!CanPlan(group) || await db.PlanTasks.AnyAsync(x => x.GroupId == groupId, ct))
        {
            return Result.NotAllowed;
        }

        var now = time.GetUtcNow();
        var template = await db.TemplateTasks.AsNoTracking().Where(x => x.CityId == group.CityId && x.GroupType == group.Type)
            .OrderBy(x => x.Section).ThenBy(x => x.Position).ToListAsync(ct);
        var tasks = template.Count > 0
            ? template.Select((x, i) => New(groupId, x.Section, x.Title, x.OffsetDays, x.InvolvesNewcomer, x.ArticleId, i, now))
            : StandardTemplate.Where(x => x.Type == group.Type)
                .Select((x, i) => New(groupId, x.Section, StandardTitle(group.Type, x.Key), x.Offset, x.Newcomer, null, i, now));
        db.PlanTasks.AddRange(tasks);
        // The group's version changes with it: a second start at the same moment fails on it.
        group.ConcurrencyStamp = Guid.NewGuid();
        AddEvent(group.Id, byName, "PlanStarted");
        return await SaveAsync(ct);
    }

    /// <summary>Adds a task (<paramref name="taskId"/> null) or changes one; owners must be members of the group.</summary>
    public async Task<Result> SaveTaskAsync(IQueryable<Group> scope, Guid groupId, Guid? taskId, Guid stamp, TaskInput input, CancellationToken ct)
    {
        var group = await scope.Include(g => g.Members).AsSplitQuery().SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return Result.NotFound;
        }

        if (!CanPlan(group) || !SectionsFor(group.Type).Contains(input.Section)
            || input.Owners.Any(o => !group.Members.Any(m => m.Id == o && m.Present))
            || (input.ArticleId is { } article && !await db.KnowledgeArticles.AnyAsync(a => a.Id == article && a.CityId == group.CityId, ct)))
        {
            return Result.NotAllowed;
        }

        var now = time.GetUtcNow();
        PlanTask task;
        if (taskId is { } id)
        {
            var found = await db.PlanTasks.Include(x => x.Owners).SingleOrDefaultAsync(x => x.Id == id && x.GroupId == groupId, ct);
            if (found is null)
            {
                return Result.NotFound;
            }

            if (found.ConcurrencyStamp != stamp)
            {
                return Result.Conflict;
            }

            task = found;
        }
        else
        {
            var last = await db.PlanTasks.Where(x => x.GroupId == groupId).MaxAsync(x => (int?)x.Position, ct) ?? -1;
            task = New(groupId, input.Section, input.Title, input.OffsetDays, input.InvolvesNewcomer, input.ArticleId, last + 1, now);
            db.PlanTasks.Add(task);
        }

        task.Section = input.Section;
        task.Title = input.Title;
        task.OffsetDays = input.OffsetDays;
        task.Notes = input.Notes;
        task.InvolvesNewcomer = input.InvolvesNewcomer;
        task.ArticleId = input.ArticleId;
        SetStatus(task, input.Status, now);
        task.Owners.RemoveAll(o => !input.Owners.Contains(o.MemberId));
        task.Owners.AddRange(input.Owners.Where(o => !task.Owners.Any(x => x.MemberId == o)).Select(o => new PlanTaskOwner { TaskId = task.Id, MemberId = o }));
        return await SaveAsync(ct);
    }

    /// <summary>Ticks a task off (or sets another status) from the list, against the version shown.</summary>
    public async Task<Result> SetStatusAsync(IQueryable<Group> scope, Guid groupId, Guid taskId, Guid stamp, PlanTaskStatus status, CancellationToken ct)
    {
        var group = await scope.SingleOrDefaultAsync(g => g.Id == groupId, ct);
        var task = group is null ? null : await db.PlanTasks.SingleOrDefaultAsync(x => x.Id == taskId && x.GroupId == groupId, ct);
        if (group is null || task is null)
        {
            return Result.NotFound;
        }

        if (!CanPlan(group))
        {
            return Result.NotAllowed;
        }

        if (task.ConcurrencyStamp != stamp)
        {
            // Pressing "done" twice, or after someone else did, is not a conflict worth telling.
            return task.Status == status ? Result.Done : Result.Conflict;
        }

        SetStatus(task, status, time.GetUtcNow());
        return await SaveAsync(ct);
    }

    public async Task<Result> DeleteTaskAsync(IQueryable<Group> scope, Guid groupId, Guid taskId, Guid stamp, CancellationToken ct)
    {
        var group = await scope.SingleOrDefaultAsync(g => g.Id == groupId, ct);
        var task = group is null ? null : await db.PlanTasks.SingleOrDefaultAsync(x => x.Id == taskId && x.GroupId == groupId, ct);
        if (group is null || task is null)
        {
            return Result.NotFound;
        }

        if (!CanPlan(group))
        {
            return Result.NotAllowed;
        }

        if (task.ConcurrencyStamp != stamp)
        {
            return Result.Conflict;
        }

        db.PlanTasks.Remove(task);
        return await SaveAsync(ct);
    }

    /// <summary>A welcome group's goal in one area; an empty text removes it.</summary>
    public async Task<Result> SaveGoalAsync(IQueryable<Group> scope, Guid groupId, PlanSection section, string? text, CancellationToken ct)
    {
        var group = await scope.SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return Result.NotFound;
        }

        if (!CanPlan(group) || group.Type != GroupType.Welcome || !IsGoal(section))
        {
            return Result.NotAllowed;
        }

        var goal = await db.PlanGoals.SingleOrDefaultAsync(x => x.GroupId == groupId && x.Section == section, ct);
        if (text is null)
        {
            if (goal is not null)
            {
                db.PlanGoals.Remove(goal);
            }
        }
        else if (goal is null)
        {
            db.PlanGoals.Add(new PlanGoal { GroupId = groupId, Section = section, Text = text });
        }
        else
        {
            goal.Text = text;
        }

        return await SaveAsync(ct);
    }

    /// <summary>The group asks the coordinator to approve the plan: once it has tasks, while in preparation.</summary>
    public async Task<Result> SubmitAsync(IQueryable<Group> scope, Guid groupId, string byName, CancellationToken ct)
    {
        var group = await scope.Include(g => g.City).SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return Result.NotFound;
        }

        if (!GroupReadiness.InPreparation(group) || group.PlanApprovedAt is not null || !await db.PlanTasks.AnyAsync(x => x.GroupId == groupId, ct))
        {
            return Result.NotAllowed;
        }

        group.PlanSubmittedAt = time.GetUtcNow();
        group.ConcurrencyStamp = Guid.NewGuid();
        AddEvent(group.Id, byName, "PlanSubmitted");
        return await SaveAsync(ct);
    }

    private static PlanTask New(Guid groupId, PlanSection section, string title, int? offset, bool newcomer, Guid? article, int position, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        GroupId = groupId,
        Section = section,
        Title = title,
        OffsetDays = offset,
        InvolvesNewcomer = newcomer,
        ArticleId = article,
        Position = position,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static void SetStatus(PlanTask task, PlanTaskStatus status, DateTimeOffset now)
    {
        if (status == PlanTaskStatus.Done && task.Status != PlanTaskStatus.Done)
        {
            task.DoneAt = now;
        }
        else if (status != PlanTaskStatus.Done)
        {
            task.DoneAt = null;
        }

        task.Status = status;
        task.UpdatedAt = now;
        task.ConcurrencyStamp = Guid.NewGuid();
    }

    private void AddEvent(Guid groupId, string byName, string kind) =>
        db.GroupEvents.Add(new GroupEvent { GroupId = groupId, At = time.GetUtcNow(), ByName = byName, Kind = kind });

    private async Task<Result> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict;
        }
    }
}
