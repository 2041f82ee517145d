using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Enquiries;

/// <summary>
/// One enquiry, for the staff it is routed to: everything they wrote, and its follow-up — a status
/// from the kind's list and a note. Outside the viewer's scope it does not exist (404).
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class EnquiryDetailModel(AppDbContext db, CurrentStaff me, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public Enquiry Enquiry { get; private set; } = null!;

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    public bool Saved { get; private set; }

    public IReadOnlyList<Choice> StatusChoices =>
        [.. Enquiry.StatusesFor(Enquiry.Kind).Select(s => new Choice(s.ToString(), t[$"EnquiryStatus_{s}"]))];

    public async Task<IActionResult> OnGetAsync(Guid id, bool opgeslagen, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } enquiry)
        {
            return NotFound();
        }

        Enquiry = enquiry;
        Status = enquiry.Status.ToString();
        Note = enquiry.StaffNote;
        Version = enquiry.Version;
        Saved = opgeslagen;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } enquiry)
        {
            return NotFound();
        }

        Enquiry = enquiry;
        if (!Enum.TryParse<EnquiryStatus>(Status, out var status) || !Enquiry.StatusesFor(enquiry.Kind).Contains(status))
        {
            this.AddError(nameof(Status), t["Error_Inbox_Status"]);
        }

        this.CheckText(t, nameof(Note), Note, Limits.Note, null, multiline: true);
        if (enquiry.Version != Version)
        {
            this.AddError(nameof(Status), t["Error_Inbox_Conflict", enquiry.UpdatedBy ?? "", t[$"EnquiryStatus_{enquiry.Status}"].Value]);
            Version = enquiry.Version;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var by = await users.GetUserAsync(User);
        var note = TextRules.Clean(Note);
        var changed = new[] { (nameof(enquiry.Status), enquiry.Status != status), (nameof(enquiry.StaffNote), enquiry.StaffNote != note) }.Where(c => c.Item2).Select(c => c.Item1).ToList();
        if (changed.Count > 0)
        {
            Backoffice.Audit.Record(db, time, by?.Id, by?.DisplayName ?? "", "enquiry", enquiry.Id.ToString("N"), enquiry.Status != status ? $"Status:{status}" : "Changed", changed);
        }

        enquiry.Status = status;
        enquiry.StaffNote = note;
        enquiry.UpdatedAt = time.GetUtcNow();
        enquiry.UpdatedBy = by?.DisplayName;
        enquiry.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else in the same instant: show it as it is now, with who changed it.
            await db.Entry(enquiry).ReloadAsync(ct);
            Version = enquiry.Version;
            this.AddError(nameof(Status), t["Error_Inbox_Conflict", enquiry.UpdatedBy ?? "", t[$"EnquiryStatus_{enquiry.Status}"].Value]);
            return Page();
        }

        return RedirectToPage(new { id, opgeslagen = true });
    }

    private async Task<Enquiry?> FindAsync(Guid id, CancellationToken ct) =>
        await (await EnquiryScope.VisibleAsync(db, me, ct)).Include(e => e.City).SingleOrDefaultAsync(e => e.Id == id, ct);
}
