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

/// <summary>A welcome group's goals for the year: language, work or study, network, leisure.</summary>
[Authorize(Policy = Policies.GroupMember)]
public sealed class PlanGoalsModel(AppDbContext db, CurrentStaff me, Plans plans, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? GoalLanguage { get; set; }

    [BindProperty]
    public string? GoalWork { get; set; }

    [BindProperty]
    public string? GoalNetwork { get; set; }

    [BindProperty]
    public string? GoalLeisure { get; set; }

    private Group? _group;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var groupId = _group!.Id;
        var goals = await db.PlanGoals.Where(x => x.GroupId == groupId).ToDictionaryAsync(x => x.Section, x => x.Text, ct);
        GoalLanguage = goals.GetValueOrDefault(PlanSection.GoalLanguage);
        GoalWork = goals.GetValueOrDefault(PlanSection.GoalWork);
        GoalNetwork = goals.GetValueOrDefault(PlanSection.GoalNetwork);
        GoalLeisure = goals.GetValueOrDefault(PlanSection.GoalLeisure);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        (PlanSection Section, string Field, string? Text)[] goals =
        [
            (PlanSection.GoalLanguage, nameof(GoalLanguage), GoalLanguage),
            (PlanSection.GoalWork, nameof(GoalWork), GoalWork),
            (PlanSection.GoalNetwork, nameof(GoalNetwork), GoalNetwork),
            (PlanSection.GoalLeisure, nameof(GoalLeisure), GoalLeisure),
        ];
        foreach (var (_, field, text) in goals)
        {
            this.CheckText(t, field, text, Limits.Note, null, multiline: true);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var scope = PortalScope.MemberGroups(db, me.Id);
        foreach (var (section, field, text) in goals)
        {
            if (await plans.SaveGoalAsync(scope, _group!.Id, section, TextRules.Clean(text), ct) != Plans.Result.Done)
            {
                this.AddError(field, t["Error_NotAllowed"]);
                return Page();
            }
        }

        return Redirect("/mijn-groep/plan?melding=opgeslagen");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        _group = await PortalScope.MemberGroupAsync(db, me.Id, ct);
        return _group is { Type: Cities.GroupType.Welcome } && Plans.CanPlan(_group);
    }
}
