using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Privacy;

/// <summary>
/// For national staff (and the data protection officer they work with): who was shown restricted
/// fields or downloaded someone's data, and every export, newest first.
/// </summary>
[Authorize(Policy = Policies.NationalStaff)]
public sealed class PrivacyOverviewModel(AppDbContext db, CurrentStaff staff, PersonalData data, Erasure erasure, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The address of a request for erasure.</summary>
    [BindProperty]
    public string? EraseEmail { get; set; }

    /// <summary>"yes" when staff confirm they checked the request comes from the person.</summary>
    [BindProperty]
    public List<string> EraseConfirm { get; set; } = [];

    public IReadOnlyList<Choice> ConfirmChoices => [new("yes", t["PrivacyAdmin_EraseConfirm"])];

    /// <summary>What an erasure did, shown once.</summary>
    public Erasure.Outcome? Erased { get; private set; }

    /// <summary>The address of a request for access (posted, so it stays out of URLs and logs).</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>At most this many of each are listed.</summary>
    public const int Shown = 200;

    public sealed record AccessRow(DateTimeOffset At, string ByName, string Action, string Subject, string SubjectId, string? Record, IReadOnlyList<string> Fields);

    public sealed record ExportRow(DateTimeOffset At, string ByName, string What, int Rows);

    public IReadOnlyList<AccessRow> Access { get; private set; } = [];

    public IReadOnlyList<ExportRow> Exports { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Everything recorded under an e-mail address, for a request by post, as a file; the download is logged.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = await CheckAddressAsync(nameof(Email), Email, ct);

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var file = await data.ForEmailAsync(email, ct);
        var me = await db.Users.FindAsync([staff.Id], ct);
        // The address itself stays out of the log: a fingerprint identifies the request.
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email)))[..32];
        AccessLog.Record(db, time, staff.Id, me?.DisplayName ?? "?", AccessLog.Downloaded, "email", fingerprint, ["All"]);
        await db.SaveChangesAsync(ct);
        return File(file, "application/json", $"samenhier-inzage-{time.GetUtcNow():yyyy-MM-dd}.json");
    }

    /// <summary>Erases everything under an address that may be erased now, and says what was kept and why.</summary>
    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        var email = await CheckAddressAsync(nameof(EraseEmail), EraseEmail, ct);

        if (!EraseConfirm.Contains("yes"))
        {
            this.AddError(nameof(EraseConfirm), t["Error_Erase_Confirm"]);
        }

        if (ModelState.IsValid)
        {
            var me = await db.Users.FindAsync([staff.Id], ct);
            Erased = await erasure.EraseByEmailAsync(email, staff.Id, me?.DisplayName ?? "?", ct);
            EraseEmail = null;
            EraseConfirm = [];
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The request's address, normalised; an error on <paramref name="field"/> when it is no address or nothing is under it.</summary>
    private async Task<string> CheckAddressAsync(string field, string? value, CancellationToken ct)
    {
        if (this.CheckText(t, field, value, Limits.Email, "Error_Email_Required") && !SignUp.MemberRules.IsEmail(value!.Trim()))
        {
            this.AddError(field, t["Error_Email_Format"]);
        }

        var email = SignUp.MemberRules.NormalizeEmail(value ?? "");
        if (ModelState.IsValid && !await AnythingUnderAsync(email, ct))
        {
            this.AddError(field, t["Error_PrivacyRequest_NothingFound"]);
        }

        return email;
    }

    private async Task<bool> AnythingUnderAsync(string email, CancellationToken ct)
    {
        var upper = email.ToUpperInvariant();
        return await db.Users.AnyAsync(u => u.NormalizedEmail == upper, ct)
            || await db.GroupMembers.AnyAsync(m => m.ErasedAt == null && (m.Email == email || m.ActiveEmail == email), ct)
            || await db.NewcomerHouseholds.AnyAsync(h => h.ErasedAt == null && h.ContactEmail == email, ct)
            || await db.Donations.AnyAsync(d => d.DonorEmail == email, ct)
            || await db.Enquiries.AnyAsync(e => e.Email == email, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var entries = await db.AccessLog.AsNoTracking().OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Shown).ToListAsync(ct);
        var householdIds = entries.Where(e => e.Subject == "newcomer").Select(e => Guid.TryParseExact(e.SubjectId, "N", out var id) ? id : Guid.Empty).Distinct().ToList();
        var labels = await db.NewcomerHouseholds.AsNoTracking().Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id.ToString("N"), h => h.Label, ct);
        var memberIds = entries.Where(e => e.Subject == "member").Select(e => Guid.TryParseExact(e.SubjectId, "N", out var id) ? id : Guid.Empty).Distinct().ToList();
        var names = await db.GroupMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id.ToString("N"), m => m.Name, ct);
        var accountIds = entries.Where(e => e.Subject == "account").Select(e => Guid.TryParseExact(e.SubjectId, "N", out var id) ? id : Guid.Empty).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => accountIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString("N"), u => u.DisplayName, ct);
        Access = [.. entries.Select(e => new AccessRow(
            e.At, e.ByName, e.Action, e.Subject, e.SubjectId,
            e.Subject switch
            {
                "newcomer" => labels.GetValueOrDefault(e.SubjectId),
                "member" => names.GetValueOrDefault(e.SubjectId),
                "account" => accounts.GetValueOrDefault(e.SubjectId),
                "email" => t["PrivacyAdmin_RequestTitle"],
                _ => null,
            },
            (e.Fields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)))];
        Exports = await db.ExportLogs.AsNoTracking().OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Take(Shown)
            .Select(x => new ExportRow(x.At, x.ByName, x.What, x.Rows)).ToListAsync(ct);
    }
}
