using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.CommunityBuilders;

/// <summary>
/// A community builder's own groups: who the members are and how to reach them, where the group
/// stands, and its history. Never the screening outcomes: those are for coordinators.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class MyGroupsModel(CurrentStaff staff, StageTimes stageTimes) : PageModel
{
    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public Group? Group { get; private set; }

    public StageTimes.Estimate? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        var mine = staff.AssignedGroups().AsNoTracking().Include(g => g.City);
        if (id is null)
        {
            Groups = await mine.Include(g => g.Members).AsSplitQuery()
                .OrderBy(g => g.CreatedAt).ToListAsync(ct);
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
        return Page();
    }
}
