using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Privacy;

/// <summary>Anyone signed in downloads what is recorded about them and linked to their account (JSON).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MyDataModel(AppDbContext db, CurrentStaff me, PersonalData data, TimeProvider time) : PageModel
{
    /// <summary>Where "back" leads: the person's own home in the site.</summary>
    public string Home => User.IsInRole(PortalRoles.Newcomer) ? "/nieuwkomer" : User.IsInRole(PortalRoles.GroupMember) ? "/mijn-groep" : "/beheer";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var id = me.Id;
        var file = await data.ForAccountAsync(id, ct);
        var user = await db.Users.FindAsync([id], ct);
        AccessLog.Record(db, time, id, user?.DisplayName ?? "?", AccessLog.Downloaded, "account", id.ToString("N"), ["All"]);
        await db.SaveChangesAsync(ct);
        return File(file, "application/json", $"samenhier-mijn-gegevens-{time.GetUtcNow():yyyy-MM-dd}.json");
    }
}
