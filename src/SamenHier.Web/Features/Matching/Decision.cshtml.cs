using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Matching;

/// <summary>
/// Rejecting a proposal, or excluding a pair the run offered as an alternative: both need a reason,
/// and both keep the pair out of later runs until someone lifts it.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class DecisionModel(AppDbContext db, CurrentStaff staff, MatchingService matching, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "voorstel")]
    public long? ProposalId { get; set; }

    [BindProperty(SupportsGet = true, Name = "huishouden")]
    public Guid? HouseholdId { get; set; }

    [BindProperty(SupportsGet = true, Name = "groep")]
    public Guid? GroupId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public Guid RunId { get; private set; }

    public string Household { get; private set; } = "";

    public string Group { get; private set; } = "";

    public bool IsReject => ProposalId is not null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!this.CheckText(t, nameof(Reason), Reason, Limits.Reason, "Error_Reason_Required", multiline: true))
        {
            return Page();
        }

        var reason = TextRules.Clean(Reason)!;
        var outcome = IsReject
            ? await matching.RejectAsync(ProposalId!.Value, reason, ct)
            : await matching.ExcludeAsync(id, HouseholdId!.Value, GroupId!.Value, reason, ct);
        switch (outcome)
        {
            case MatchingService.Outcome.Done:
                return Redirect($"/beheer/koppelen/{id}?melding={(IsReject ? "afgewezen" : "uitgesloten")}");
            case MatchingService.Outcome.NotFound:
                return NotFound();
            default:
                this.AddError(nameof(Reason), t["Error_Matching_NotAllowed"]);
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var run = await matching.FindRunAsync(id, ct);
        if (run is null)
        {
            return false;
        }

        RunId = id;
        if (ProposalId is { } proposalId)
        {
            var proposal = run.Proposals.SingleOrDefault(p => p.Id == proposalId);
            if (proposal is null)
            {
                return false;
            }

            HouseholdId = proposal.HouseholdId;
            GroupId = proposal.GroupId;
        }

        if (HouseholdId is not { } household || GroupId is not { } group)
        {
            return false;
        }

        var cities = MatchingService.CitiesOf(run);
        var groupName = await (await staff.GroupsAsync(ct)).Where(g => g.Id == group && cities.Contains(g.CityId)).Select(g => new { g.Name, g.Type }).SingleOrDefaultAsync(ct);
        var label = await db.NewcomerHouseholds.Where(h => h.Id == household && cities.Contains(h.CityId)).Select(h => h.Label).SingleOrDefaultAsync(ct);
        if (groupName is null || label is null)
        {
            return false;
        }

        Group = groupName.Name ?? t[$"GroupType_{groupName.Type}"].Value;
        Household = label;
        return true;
    }
}
