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

/// <summary>
/// The group's plan, phone first: the tasks per section with their due dates, owners and status,
/// ticked off from the list; the welcome group's goals; asking the coordinator for approval.
/// </summary>
[Authorize(Policy = Policies.GroupMember)]
public sealed class PlanModel(AppDbContext db, CurrentStaff me, Plans plans, IStringLocalizer<SharedResource> t) : PageModel
{
    public Group? Group { get; private set; }

    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Articles { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<PlanSection, string> Goals { get; private set; } = new Dictionary<PlanSection, string>();

    public string? Notice { get; private set; }

    public Guid MyMemberId { get; private set; }

    /// <summary>Only the tasks this member owns.</summary>
    public bool Mine { get; private set; }

    public bool CanSubmit => Group is { } g && GroupReadiness.InPreparation(g) && g.PlanApprovedAt is null && Tasks.Count > 0;

    public string MemberName(Guid id) => Group?.Members.FirstOrDefault(m => m.Id == id)?.Name ?? "?";

    public async Task<IActionResult> OnGetAsync(string? melding, string? toon, CancellationToken ct)
    {
        Notice = melding switch
        {
            "opgeslagen" => "Plan_Saved",
            "ingediend" => "Plan_SubmittedNotice",
            _ => null,
        };
        Mine = toon == "mijn";
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(CancellationToken ct) => ActAsync((scope, id, name) => plans.StartAsync(scope, id, name, ct), "opgeslagen", ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => ActAsync((scope, id, name) => plans.SubmitAsync(scope, id, name, ct), "ingediend", ct);

    public Task<IActionResult> OnPostStatusAsync(Guid task, Guid stamp, string? status, CancellationToken ct) =>
        Enum.TryParse<PlanTaskStatus>(status, out var parsed) && Enum.IsDefined(parsed)
            ? ActAsync((scope, id, _) => plans.SetStatusAsync(scope, id, task, stamp, parsed, ct), "opgeslagen", ct)
            : Task.FromResult<IActionResult>(BadRequest());

    private async Task<IActionResult> ActAsync(Func<IQueryable<Group>, Guid, string, Task<Plans.Result>> action, string notice, CancellationToken ct)
    {
        var group = await PortalScope.MemberGroupAsync(db, me.Id, ct);
        if (group is null)
        {
            return NotFound();
        }

        var name = group.Members.First(m => m.UserId == me.Id).Name;
        switch (await action(PortalScope.MemberGroups(db, me.Id), group.Id, name))
        {
            case Plans.Result.Done:
                return Redirect($"/mijn-groep/plan?melding={notice}");
            case Plans.Result.NotFound:
                return NotFound();
            case Plans.Result.Conflict:
                this.AddError("plan", t["Error_Conflict"]);
                break;
            default:
                this.AddError("plan", t["Error_NotAllowed"]);
                break;
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Group = await PortalScope.MemberGroupAsync(db, me.Id, ct);
        if (Group is null)
        {
            return;
        }

        MyMemberId = Group.Members.First(m => m.UserId == me.Id).Id;
        var tasks = await plans.TasksAsync(Group.Id, ct);
        Tasks = Mine ? [.. tasks.Where(x => x.Owners.Any(o => o.MemberId == MyMemberId))] : tasks;
        var cityId = Group.CityId;
        Articles = await db.KnowledgeArticles.Where(a => a.CityId == cityId).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        var groupId = Group.Id;
        Goals = await db.PlanGoals.Where(x => x.GroupId == groupId).ToDictionaryAsync(x => x.Section, x => x.Text, ct);
    }
}
