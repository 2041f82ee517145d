using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Year;

/// <summary>
/// What needs following up, soonest first: concerns from check-ins and from newcomers (with the date
/// to follow up by), and what the groups' records show (one member carrying most, a group gone quiet,
/// tasks overdue). Coordinators see their cities and resolve; community builders see their groups.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SignalsModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, YearService year, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(Signal Signal, string GroupName, string? HouseholdLabel);

    public IReadOnlyList<Row> Open { get; private set; } = [];

    public IReadOnlyList<Row> Resolved { get; private set; } = [];

    public IReadOnlyList<(Group Group, GroupHealth.Signal Signal)> Health { get; private set; } = [];

    public bool IsCoordinator => staff.IsCoordinator;

    public DateOnly Today => time.TodayInNetherlands();

    public string? Notice { get; private set; }

    /// <summary>The signal whose resolution form came back with an error.</summary>
    public Guid? Failed { get; private set; }

    [BindProperty]
    public string? Resolution { get; set; }

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding is "opgeslagen" ? "Signals_Resolved" : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid signal, Guid stamp, CancellationToken ct)
    {
        if (!staff.IsCoordinator)
        {
            return Forbid();
        }

        if (this.CheckText(t, nameof(Resolution), Resolution, Limits.Reason, "Error_Signal_Resolution", multiline: true))
        {
            var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
            switch (await year.ResolveAsync(await staff.CityIdsAsync(ct), signal, stamp, TextRules.Clean(Resolution)!, me, ct))
            {
                case Plans.Result.Done:
                    return Redirect("/beheer/signalen?melding=opgeslagen");
                case Plans.Result.NotFound:
                    return NotFound();
                case Plans.Result.Conflict:
                    this.AddError(nameof(Resolution), t["Error_Conflict"]);
                    break;
                default:
                    this.AddError(nameof(Resolution), t["Error_Signal_AlreadyResolved"]);
                    break;
            }
        }

        Failed = signal;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var groups = await staff.GroupsAsync(ct);
        IQueryable<Signal> signals;
        if (staff.IsCoordinator)
        {
            var cities = await staff.CityIdsAsync(ct);
            signals = db.Signals.Where(s => cities.Contains(s.CityId));
        }
        else
        {
            // A community builder: the signals of the groups at whose side they stand.
            signals = db.Signals.Where(s => s.GroupId != null && groups.Any(g => g.Id == s.GroupId));
        }

        var since = time.GetUtcNow().AddDays(-90);
        var rows = await signals.AsNoTracking()
            .Where(s => s.ResolvedAt == null || s.ResolvedAt > since)
            .OrderBy(s => s.FollowUpBy).ThenBy(s => s.CreatedAt)
            .Select(s => new
            {
                Signal = s,
                GroupName = db.Groups.Where(g => g.Id == s.GroupId).Select(g => g.Name).FirstOrDefault(),
                Household = db.NewcomerHouseholds.Where(h => h.Id == s.HouseholdId).Select(h => h.Label).FirstOrDefault(),
            })
            .Take(500)
            .ToListAsync(ct);
        var unnamed = t["Groups_Unnamed"].Value;
        var all = rows.Select(r => new Row(r.Signal, r.GroupName ?? unnamed, r.Household)).ToList();
        Open = [.. all.Where(r => r.Signal.ResolvedAt is null)];
        Resolved = [.. all.Where(r => r.Signal.ResolvedAt is not null).OrderByDescending(r => r.Signal.ResolvedAt)];

        var active = await groups.AsNoTracking()
            .Where(g => g.Status == GroupStatus.Complete || g.Status == GroupStatus.ReadyToMatch || g.Status == GroupStatus.Matched || g.Status == GroupStatus.YearTogether)
            .Include(g => g.Members)
            .AsSplitQuery()
            .ToListAsync(ct);
        var reports = await GroupHealth.ForGroupsAsync(db, active, Today, ct);
        Health = [.. active.SelectMany(g => reports[g.Id].Signals.Select(s => (g, s))).OrderBy(x => x.s.Kind).ThenBy(x => x.g.Name)];
    }
}
