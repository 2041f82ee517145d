using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Portal;
using SamenHier.Web.Features.Year;

namespace SamenHier.Web.Features.NewcomerPortal;

/// <summary>
/// The newcomer's own page, in their language, plain and with icons: their group and community
/// builder, the tasks that involve them, the diary, and "I need help". Never the group's members'
/// contact details, and nothing of what staff record about the group.
/// </summary>
[Authorize(Policy = Policies.Newcomer)]
public sealed class NewcomerHomeModel(AppDbContext db, CurrentStaff me, YearService year) : PageModel
{
    public string? Label { get; private set; }

    public Group? Group { get; private set; }

    public string? BuilderName { get; private set; }

    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];

    public IReadOnlyList<DiaryEntry> Diary { get; private set; } = [];

    public string? ContactEmail { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding switch
        {
            "hulp" => "Newcomer_HelpSent",
            "opgeslagen" => "Diary_Saved",
            _ => null,
        };
        var userId = me.Id;
        var household = await db.NewcomerHouseholds.AsNoTracking()
            .Where(h => h.UserId == userId && h.Status != Newcomers.NewcomerStatus.Left)
            .Select(h => new { h.Label, h.City!.ContactEmail })
            .FirstOrDefaultAsync(ct);
        if (household is null)
        {
            return;
        }

        (Label, ContactEmail) = (household.Label, household.ContactEmail);
        // Scope in the query: only the group this household was matched with.
        Group = await PortalScope.NewcomerGroups(db, userId).AsNoTracking()
            .Include(g => g.Members.OrderBy(m => m.Position))
            .FirstOrDefaultAsync(ct);
        if (Group is null)
        {
            return;
        }

        var builderId = Group.CommunityBuilderId;
        BuilderName = builderId is null ? null : await db.Users.Where(u => u.Id == builderId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        var groupId = Group.Id;
        Tasks = await db.PlanTasks.AsNoTracking().Where(x => x.GroupId == groupId && x.InvolvesNewcomer)
            .OrderBy(x => x.OffsetDays == null).ThenBy(x => x.OffsetDays).ThenBy(x => x.Position).ToListAsync(ct);
        Diary = await year.DiaryAsync(groupId, 20, ct);
    }

    /// <summary>A member's first name only: the newcomer sees who is in the group, not their details.</summary>
    public static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
}
