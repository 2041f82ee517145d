using System.Globalization;
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
/// One run: each proposal with its score per criterion, the household's next best groups, and why
/// every household and group left over got nothing; staff accept, reject, pin and exclude from here.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class RunModel(AppDbContext db, CurrentStaff staff, MatchingService matching, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record AlternativeRow(Guid GroupId, string Group, int Score, int Difference);

    public sealed record ProposalRow(
        MatchProposal Proposal, string Group, string Household, string? Builder,
        IReadOnlyList<(string Criterion, int Points)> Breakdown, IReadOnlyList<AlternativeRow> Alternatives, bool Pinned);

    public sealed record UnmatchedRow(Guid Id, string Name, string Reason, IReadOnlyList<AlternativeRow> Alternatives);

    public MatchingRun Run { get; private set; } = null!;

    public string CityNames { get; private set; } = "";

    public IReadOnlyList<ProposalRow> Proposals { get; private set; } = [];

    public IReadOnlyList<UnmatchedRow> UnmatchedHouseholds { get; private set; } = [];

    public IReadOnlyList<UnmatchedRow> UnmatchedGroups { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken ct)
    {
        Notice = melding switch
        {
            "geaccepteerd" => "Run_Accepted",
            "vastgezet" => "Run_Pinned",
            "afgewezen" => "Run_Rejected",
            "uitgesloten" => "Run_Excluded",
            _ => null,
        };
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, long proposal, CancellationToken ct)
    {
        var outcome = await matching.AcceptAsync(proposal, ct);
        switch (outcome)
        {
            case MatchingService.Outcome.Done:
                return Redirect($"/beheer/koppelen/{id}?melding=geaccepteerd");
            case MatchingService.Outcome.NotFound:
                return NotFound();
            case MatchingService.Outcome.BuilderFull:
                this.AddError($"proposal-{proposal}", t["Error_Matching_BuilderFull"]);
                break;
            default:
                this.AddError($"proposal-{proposal}", t["Error_Matching_NotAllowed"]);
                break;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPinAsync(Guid id, Guid household, Guid group, CancellationToken ct)
    {
        var outcome = await matching.PinAsync(id, household, group, ct);
        if (outcome == MatchingService.Outcome.Done)
        {
            return Redirect($"/beheer/koppelen/{id}?melding=vastgezet");
        }

        if (outcome == MatchingService.Outcome.NotFound)
        {
            return NotFound();
        }

        this.AddError("proposals", t["Error_Matching_NotAllowed"]);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var run = await matching.FindRunAsync(id, ct);
        if (run is null)
        {
            return false;
        }

        Run = run;
        var cityIds = MatchingService.CitiesOf(run);
        var cities = await db.Cities.AsNoTracking().Where(c => cityIds.Contains(c.Id)).OrderBy(c => c.SortOrder).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        CityNames = string.Join(", ", cities.Values);

        var unmatched = MatchingService.Unmatched(run);
        var alternatives = run.Proposals.ToDictionary(p => p.Id, p => MatchingService.Alternatives(p.Alternatives));
        var groupIds = run.Proposals.Select(p => p.GroupId)
            .Concat(alternatives.Values.SelectMany(a => a).Select(a => a.GroupId))
            .Concat(unmatched.SelectMany(u => u.Alternatives.Select(a => a.GroupId).Append(u.Id)))
            .Distinct().ToList();
        var householdIds = run.Proposals.Select(p => p.HouseholdId).Concat(unmatched.Select(u => u.Id)).Distinct().ToList();
        var builderIds = run.Proposals.Where(p => p.BuilderId is not null).Select(p => p.BuilderId!.Value).Distinct().ToList();

        // Names only for what is in scope (the run's cities are all in the viewer's scope).
        var groups = await (await staff.GroupsAsync(ct)).AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => g.Name ?? t["GroupType_" + g.Type].Value, ct);
        var households = await db.NewcomerHouseholds.AsNoTracking().Where(h => householdIds.Contains(h.Id) && cityIds.Contains(h.CityId))
            .ToDictionaryAsync(h => h.Id, h => h.Label, ct);
        var builders = await (await staff.CommunityBuildersAsync(ct)).AsNoTracking().Where(u => builderIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string GroupName(Guid g) => groups.GetValueOrDefault(g, "?");
        AlternativeRow Alternative(MatchingService.AlternativeView a) => new(a.GroupId, GroupName(a.GroupId), a.Score, a.Difference);

        Proposals = [.. run.Proposals
            .OrderBy(p => p.Status == ProposalStatus.Proposed ? 0 : 1)
            .ThenBy(p => households.GetValueOrDefault(p.HouseholdId, "?"), StringComparer.CurrentCulture)
            .Select(p => new ProposalRow(
                p,
                GroupName(p.GroupId),
                households.GetValueOrDefault(p.HouseholdId, "?"),
                p.BuilderId is { } b ? builders.GetValueOrDefault(b) : null,
                [.. MatchingService.Breakdown(p.Breakdown).Where(x => x.Value != 0).Select(x => (x.Key, x.Value))],
                [.. alternatives[p.Id].Select(Alternative)],
                p.Pinned))];

        string City(IReadOnlyList<string> details) =>
            details.Count > 0 && int.TryParse(details[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? cities.GetValueOrDefault(c, "?") : "?";
        string Languages(IReadOnlyList<string> details)
        {
            // "Arabisch, Engels of Tigrinya": the builder needs to speak one of them.
            var names = details.Take(details.Count - 1).Where(l => l != "nl").Select(l => t[$"Language_{l}"].Value).ToList();
            return names.Count < 2 ? string.Join("", names) : $"{string.Join(", ", names[..^1])} {t["Word_Or"].Value} {names[^1]}";
        }
        string Reason(MatchingService.UnmatchedView u) =>
            t[$"Unmatched_{u.Side}_{u.Reason}", City(u.Details), Languages(u.Details)].Value;

        UnmatchedHouseholds = [.. unmatched.Where(u => u.Side == "household")
            .Select(u => new UnmatchedRow(u.Id, households.GetValueOrDefault(u.Id, "?"), Reason(u), [.. u.Alternatives.Select(Alternative)]))
            .OrderBy(u => u.Name, StringComparer.CurrentCulture)];
        UnmatchedGroups = [.. unmatched.Where(u => u.Side == "group")
            .Select(u => new UnmatchedRow(u.Id, GroupName(u.Id), Reason(u), []))
            .OrderBy(u => u.Name, StringComparer.CurrentCulture)];
        return true;
    }

    public string CriterionName(string criterion) => t[$"Criterion_{criterion}"];

    public static bool Open(MatchProposal p) => p.Status == ProposalStatus.Proposed;
}
