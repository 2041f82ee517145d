using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Portal;

/// <summary>Adds a task to the group's plan or changes one: what, when (days from the arrival), who, status, notes.</summary>
[Authorize(Policy = Policies.GroupMember)]
public sealed class PlanTaskEditModel(AppDbContext db, CurrentStaff me, Plans plans, IStringLocalizer<SharedResource> t) : PageModel
{
    public Group Group { get; private set; } = null!;

    public PlanTask? Task { get; private set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Section { get; set; }

    [BindProperty]
    public string? Days { get; set; }

    [BindProperty]
    public string? When { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public List<string> Owners { get; set; } = [];

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public List<string> Newcomer { get; set; } = [];

    [BindProperty]
    public string? Article { get; set; }

    [BindProperty]
    public Guid Stamp { get; set; }

    public IReadOnlyList<Choice> SectionChoices => [.. Plans.SectionsFor(Group.Type).Select(s => new Choice(s.ToString(), t[$"PlanSection_{s}"]))];

    public IReadOnlyList<Choice> WhenChoices => PlanTiming.WhenChoices(t);

    public IReadOnlyList<Choice> StatusChoices => [.. Enum.GetValues<PlanTaskStatus>().Select(s => new Choice(s.ToString(), t[$"PlanTaskStatus_{s}"]))];

    public IReadOnlyList<Choice> OwnerChoices => [.. Group.Members.Where(m => m.Present).Select(m => new Choice(m.Id.ToString(), m.Name))];

    public IReadOnlyList<Choice> NewcomerChoices => [new("yes", t["PlanTask_InvolvesNewcomer"])];

    public IReadOnlyList<Choice> ArticleChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Task is { } task)
        {
            Title = task.Title;
            Section = task.Section.ToString();
            (Days, When) = PlanTiming.ToFields(task.OffsetDays);
            Status = task.Status.ToString();
            Owners = [.. task.Owners.Select(o => o.MemberId.ToString())];
            Notes = task.Notes;
            Newcomer = task.InvolvesNewcomer ? ["yes"] : [];
            Article = task.ArticleId?.ToString();
            Stamp = task.ConcurrencyStamp;
        }
        else
        {
            Status = nameof(PlanTaskStatus.Open);
            When = PlanTiming.After;
            Section = Request.Query["onderdeel"].FirstOrDefault() is { } s && Enum.TryParse<PlanSection>(s, out var parsed) && Plans.SectionsFor(Group.Type).Contains(parsed)
                ? parsed.ToString()
                : null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        this.CheckText(t, nameof(Title), Title, Limits.Title, "Error_PlanTask_Title");
        var sections = Plans.SectionsFor(Group.Type);
        if (!Enum.TryParse<PlanSection>(Section, out var section) || !sections.Contains(section))
        {
            this.AddError(nameof(Section), t["Error_PlanTask_Section"]);
        }

        var offset = PlanTiming.Parse(this, t, nameof(Days), Days, When);
        if (!Enum.TryParse<PlanTaskStatus>(Status, out var status) || !Enum.IsDefined(status))
        {
            this.AddError(nameof(Status), t["Error_Choice_Unknown"]);
        }

        var owners = Owners.Select(o => Guid.TryParse(o, out var g) ? g : Guid.Empty).ToList();
        if (owners.Any(o => !Group.Members.Any(m => m.Id == o && m.Present)))
        {
            this.AddError(nameof(Owners), t["Error_Choice_Unknown"]);
        }

        this.CheckText(t, nameof(Notes), Notes, Limits.Note, null, multiline: true);
        Guid? article = null;
        if (!string.IsNullOrEmpty(Article))
        {
            if (Guid.TryParse(Article, out var a) && ArticleChoices.Any(c => c.Value == a.ToString()))
            {
                article = a;
            }
            else
            {
                this.AddError(nameof(Article), t["Error_Choice_Unknown"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var input = new Plans.TaskInput(section, TextRules.Clean(Title)!, offset, status, TextRules.Clean(Notes), Newcomer.Contains("yes"), article, owners);
        switch (await plans.SaveTaskAsync(PortalScope.MemberGroups(db, me.Id), Group.Id, id, Stamp, input, ct))
        {
            case Plans.Result.Done:
                return Redirect("/mijn-groep/plan?melding=opgeslagen");
            case Plans.Result.NotFound:
                return NotFound();
            case Plans.Result.Conflict:
                this.AddError(nameof(Title), t["Error_Conflict"]);
                // Show the other person's version; what this person typed stays in the fields.
                Stamp = Task?.ConcurrencyStamp ?? Stamp;
                break;
            default:
                this.AddError(nameof(Title), t["Error_NotAllowed"]);
                break;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Task is null)
        {
            return NotFound();
        }

        switch (await plans.DeleteTaskAsync(PortalScope.MemberGroups(db, me.Id), Group.Id, id, Stamp, ct))
        {
            case Plans.Result.Done:
                return Redirect("/mijn-groep/plan?melding=opgeslagen");
            case Plans.Result.NotFound:
                return NotFound();
            default:
                this.AddError(nameof(Title), t["Error_Conflict"]);
                return await OnGetAsync(id, ct);
        }
    }

    private async Task<bool> LoadAsync(Guid? id, CancellationToken ct)
    {
        var group = await PortalScope.MemberGroupAsync(db, me.Id, ct);
        if (group is null || !Plans.CanPlan(group))
        {
            return false;
        }

        Group = group;
        if (id is { } taskId)
        {
            Task = await db.PlanTasks.AsNoTracking().Include(x => x.Owners).SingleOrDefaultAsync(x => x.Id == taskId && x.GroupId == group.Id, ct);
            if (Task is null)
            {
                return false;
            }
        }

        var cityId = group.CityId;
        ArticleChoices = [.. (await db.KnowledgeArticles.AsNoTracking().Where(a => a.CityId == cityId).OrderBy(a => a.Section).ThenBy(a => a.Title).ToListAsync(ct))
            .Select(a => new Choice(a.Id.ToString(), $"{t[$"PlanSection_{a.Section}"]}: {a.Title}"))];
        return true;
    }
}
