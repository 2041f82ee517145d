using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.CommunityBuilders;

/// <summary>
/// A community builder's own groups: who the members are and how to reach them, where the group
/// stands, and its history. Never the screening outcomes: those are for coordinators.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class MyGroupsModel(CurrentStaff staff, StageTimes stageTimes, Data.AppDbContext db, TimeProvider time) : PageModel
{
    /// <summary>The household the group was matched with: what a builder may see (never the restricted fields).</summary>
    public Newcomers.NewcomerHousehold? Household { get; private set; }

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public sealed record CheckInDue(Group Group, Year.Milestone Milestone, Year.CheckInWith With, DateOnly On);

    /// <summary>The next check-ins to hold, soonest first (a reminder list; e-mails go a few days before).</summary>
    public IReadOnlyList<CheckInDue> CheckInsDue { get; private set; } = [];

    public DateOnly Today => time.TodayInNetherlands();

    public Group? Group { get; private set; }

    public StageTimes.Estimate? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        var mine = staff.AssignedGroups().AsNoTracking().Include(g => g.City);
        if (id is null)
        {
            Groups = await mine.Include(g => g.Members).AsSplitQuery()
                .OrderBy(g => g.CreatedAt).ToListAsync(ct);
            var ids = Groups.Select(g => g.Id).ToList();
            var held = (await db.CheckIns.Where(c => ids.Contains(c.GroupId)).Select(c => new { c.GroupId, c.With, c.Milestone }).ToListAsync(ct))
                .Select(c => (c.GroupId, c.With, c.Milestone)).ToHashSet();
            // What the builder has to do next: each group's first check-in not yet held, with its date.
            CheckInsDue = [.. Groups
                .Where(g => g.Status == GroupStatus.YearTogether && g.YearStartedOn is not null)
                .SelectMany(g => Enum.GetValues<Year.Milestone>().SelectMany(ms => Enum.GetValues<Year.CheckInWith>()
                    .Where(w => !held.Contains((g.Id, w, ms)))
                    .Select(w => new CheckInDue(g, ms, w, Year.CheckInSchedule.DueOn(g.YearStartedOn!.Value, ms)))).Take(2))
                .OrderBy(c => c.On)];
            return Page();
        }

        Group = await mine
            .Include(g => g.Members.OrderBy(m => m.Position))
            .Include(g => g.Events.OrderByDescending(e => e.At))
            .AsSplitQuery()
            .SingleOrDefaultAsync(g => g.Id == id, ct);
        if (Group is null)
        {
            return NotFound();
        }

        Next = await stageTimes.NextStepAsync(Group, ct);
        if (Group.NewcomerHouseholdId is { } householdId)
        {
            // Scope in the query: only the household of a group at whose side this builder stands,
            // projected to the fields a builder may see.
            Household = await db.NewcomerHouseholds.AsNoTracking()
                .Where(h => h.Id == householdId && h.Status != Newcomers.NewcomerStatus.Left)
                .Select(h => new Newcomers.NewcomerHousehold
                {
                    Id = h.Id,
                    Label = h.Label,
                    ContactLanguage = h.ContactLanguage,
                    ContactEmail = h.ContactEmail,
                    CurrentLocation = h.CurrentLocation,
                    ExpectedArrival = h.ExpectedArrival,
                    HousingAddress = h.HousingAddress,
                    LivingSince = h.LivingSince,
                    CreatedBy = "",
                    People = h.People.OrderBy(p => p.Id).ToList(),
                })
                .SingleOrDefaultAsync(ct);
        }

        return Page();
    }
}
