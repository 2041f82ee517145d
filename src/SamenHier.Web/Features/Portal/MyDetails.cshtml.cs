using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Newcomers;

namespace SamenHier.Web.Features.Portal;

/// <summary>
/// A newcomer household's own page: what the programme has recorded about them (without the
/// restricted fields, which they can ask the coordinator for) and whom to ask.
/// </summary>
[Authorize(Policy = Policies.Newcomer)]
public sealed class MyDetailsModel(AppDbContext db, CurrentStaff me) : PageModel
{
    public NewcomerHousehold? Household { get; private set; }

    public IReadOnlySet<string> Fields { get; } = NewcomerFields.For(PortalRoles.Newcomer);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = me.Id;
        // Scope in the query: only the household this account was invited for, while it is in the programme.
        Household = await db.NewcomerHouseholds.AsNoTracking()
            .Where(h => h.UserId == userId && h.Status != NewcomerStatus.Left)
            .Where(h => db.Users.Any(u => u.Id == userId && u.Email == h.ContactEmail))
            .Include(h => h.City)
            .Include(h => h.People.OrderBy(p => p.Id))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
    }
}
