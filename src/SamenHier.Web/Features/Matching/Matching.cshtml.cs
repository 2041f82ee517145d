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
/// Matching for the viewer's cities: the capacity forecast, a run of the engine, the runs so far and
/// the pairs pinned or excluded. Coordinators and national staff only.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class MatchingModel(AppDbContext db, CurrentStaff staff, MatchingService matching, CapacityForecast forecast, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record RunRow(Guid Id, DateTimeOffset At, string ByName, string Cities, int Proposals, int Accepted, int Open);

    public sealed record RuleRow(long Id, PairRuleKind Kind, Guid GroupId, string Group, Guid HouseholdId, string Household, string? Reason, DateTimeOffset At, string ByName);

    /// <summary>The cities to run for (checkboxes); every city in scope when none is chosen.</summary>
    [BindProperty]
    public List<string> Cities { get; set; } = [];

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    /// <summary>The second button: every city in the viewer's scope, whatever is ticked.</summary>
    [BindProperty]
    public string? All { get; set; }

    public IReadOnlyList<CapacityForecast.City> Forecast { get; private set; } = [];

    public IReadOnlyList<RunRow> Runs { get; private set; } = [];

    public IReadOnlyList<RuleRow> PairRules { get; private set; } = [];

    public bool Lifted { get; private set; }

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Lifted = melding == "opgeheven";
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        var allowed = await staff.CityIdsAsync(ct);
        var chosen = All == "yes"
            ? [.. allowed]
            : Cities.Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
        if (chosen.Count == 0 || chosen.Any(c => !allowed.Contains(c)))
        {
            this.AddError(nameof(Cities), t[chosen.Count == 0 ? "Error_Matching_Cities" : "Error_Choice_Unknown"]);
            await LoadAsync(ct);
            return Page();
        }

        var run = await matching.RunAsync(chosen, ct);
        return run is null ? NotFound() : Redirect($"/beheer/koppelen/{run.Id}");
    }

    public async Task<IActionResult> OnPostLiftAsync(long rule, CancellationToken ct) =>
        await matching.LiftAsync(rule, ct) switch
        {
            MatchingService.Outcome.Done => Redirect("/beheer/koppelen?melding=opgeheven"),
            _ => NotFound(),
        };

    private async Task LoadAsync(CancellationToken ct)
    {
        var ids = await staff.CityIdsAsync(ct);
        var cities = await db.Cities.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        CityChoices = [.. cities.Select(c => new Choice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name))];
        var names = cities.ToDictionary(c => c.Id, c => c.Name);

        // The forecast of every city with something going on; a coordinator of one city sees that city.
        Forecast = [.. (await forecast.ForCitiesAsync(ids, ct))
            .Where(c => cities.Count == 1 || c.Routes.Any(r => r.Ready + r.Preparing + r.Waiting > 0) || c.FreePlaces > 0)];

        var runs = await db.MatchingRuns.AsNoTracking()
            .OrderByDescending(r => r.At)
            .Select(r => new
            {
                r.Id,
                r.At,
                r.ByName,
                r.CityIds,
                Proposals = r.Proposals.Count,
                Accepted = r.Proposals.Count(p => p.Status == ProposalStatus.Accepted),
                Open = r.Proposals.Count(p => p.Status == ProposalStatus.Proposed),
            })
            .Take(200)
            .ToListAsync(ct);
        Runs = [.. runs
            .Select(r => (Run: r, Cities: r.CityIds.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList()))
            .Where(r => r.Cities.All(ids.Contains))
            .Take(20)
            .Select(r => new RunRow(r.Run.Id, r.Run.At, r.Run.ByName, string.Join(", ", r.Cities.Select(c => names.GetValueOrDefault(c, "?"))), r.Run.Proposals, r.Run.Accepted, r.Run.Open))];

        var rules = await matching.RulesAsync(ids, ct);
        var groupIds = rules.Select(r => r.GroupId).ToList();
        var householdIds = rules.Select(r => r.HouseholdId).ToList();
        var groupNames = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name ?? t["Groups_Unnamed"].Value, ct);
        var householdNames = await db.NewcomerHouseholds.AsNoTracking().Where(h => householdIds.Contains(h.Id) && ids.Contains(h.CityId)).ToDictionaryAsync(h => h.Id, h => h.Label, ct);
        PairRules = [.. rules.Where(r => householdNames.ContainsKey(r.HouseholdId)).Select(r => new RuleRow(
            r.Id, r.Kind, r.GroupId, groupNames.GetValueOrDefault(r.GroupId, "?"), r.HouseholdId, householdNames[r.HouseholdId], r.Reason, r.At, r.ByName))];
    }
}
