using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Portal;

/// <summary>
/// A newcomer household's own page: what the programme has recorded about them (without the
/// restricted fields, which they can ask the coordinator for) and whom to ask.
/// </summary>
[Authorize(Policy = Policies.Newcomer)]
public sealed class MyDetailsModel(AppDbContext db, CurrentStaff me, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Who recorded a consent the household gave itself, in its portal.</summary>
    public const string ByHousehold = "household";

    public NewcomerHousehold? Household { get; private set; }

    public IReadOnlySet<string> Fields { get; } = NewcomerFields.For(PortalRoles.Newcomer);

    public bool Saved { get; private set; }

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Saved = melding == "opgeslagen";
        Household = await Mine().AsNoTracking().Include(h => h.City).Include(h => h.People.OrderBy(p => p.Id)).AsSplitQuery().FirstOrDefaultAsync(ct);
    }

    /// <summary>The household agrees that its group may see its profile (never the restricted fields).</summary>
    public Task<IActionResult> OnPostShareAsync(CancellationToken ct) => SetConsentAsync(true, ct);

    /// <summary>Withdrawn, it takes effect at once: the group's page stops showing the profile.</summary>
    public Task<IActionResult> OnPostStopSharingAsync(CancellationToken ct) => SetConsentAsync(false, ct);

    private async Task<IActionResult> SetConsentAsync(bool share, CancellationToken ct)
    {
        var household = await Mine().FirstOrDefaultAsync(ct);
        if (household is null)
        {
            return NotFound();
        }

        if ((household.ProfileConsentAt is not null) != share)
        {
            var now = time.GetUtcNow();
            household.ProfileConsentTextId = share
                ? await Privacy.ConsentTexts.IdAsync(db, Privacy.ConsentTexts.ProfileSharing, Privacy.ConsentTexts.ProfileSharingVersion, Privacy.ConsentTexts.CurrentLanguage, Privacy.ConsentTexts.ProfileSharingText(t), now, ct)
                : null;
            household.ProfileConsentAt = share ? now : null;
            household.ProfileConsentBy = share ? ByHousehold : null;
            household.ConcurrencyStamp = Guid.NewGuid();
            Backoffice.Audit.Record(db, time, me.Id, household.Label, "newcomer", household.Id.ToString("N"), share ? "ProfileConsent" : "ProfileConsentWithdrawn");
            await db.SaveChangesAsync(ct);
        }

        return Redirect("/mijn-gegevens?melding=opgeslagen");
    }

    // Scope in the query: only the household this account was invited for, while it is in the programme.
    private IQueryable<NewcomerHousehold> Mine()
    {
        var userId = me.Id;
        return db.NewcomerHouseholds
            .Where(h => h.UserId == userId && h.Status != NewcomerStatus.Left)
            .Where(h => db.Users.Any(u => u.Id == userId && u.Email == h.ContactEmail));
    }
}
