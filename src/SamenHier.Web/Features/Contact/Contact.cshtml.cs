using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Enquiries;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Contact;

[AllowAnonymous]
public sealed class ContactModel(
    AppDbContext db,
    EmailOutbox outbox,
    SubmissionRateLimiter limiter,
    FormTiming timing,
    IConfiguration configuration,
    TimeProvider time,
    PublicLinks links,
    IOptions<EmailOptions> email,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class ContactInput
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Subject { get; set; }

        public string? Message { get; set; }
    }

    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    /// <summary>The protected moment the form was shown (see <see cref="FormTiming"/>).</summary>
    public string Shown { get; private set; } = "";

    public void OnGet(bool verzonden = false)
    {
        Sent = verzonden;
        Shown = timing.Stamp();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "website")] string? honeypot, [FromForm(Name = FormTiming.FieldName)] string? shown, CancellationToken ct)
    {
        // Keep the original moment across corrections, so fixing an error is not "too fast".
        Shown = string.IsNullOrEmpty(shown) ? timing.Stamp() : shown;
        Check(nameof(ContactInput.Name), Input.Name, Limits.Name, "Error_Name_Required");
        if (Check(nameof(ContactInput.Email), Input.Email, Limits.Email, "Error_Email_Required") && !MemberRules.IsEmail(Input.Email!.Trim()))
        {
            this.AddError("Input.Email", t["Error_Email_Format"]);
        }

        Check(nameof(ContactInput.Subject), Input.Subject, Limits.Subject, "Error_Subject_Required");
        Check(nameof(ContactInput.Message), Input.Message, Limits.Message, "Error_Message_Required", multiline: true);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var minimumSeconds = configuration.GetValue("Contact:MinimumSecondsToComplete", 3.0);
        if (!string.IsNullOrEmpty(honeypot) || !timing.LooksHuman(shown, minimumSeconds))
        {
            return RedirectToPage(new { verzonden = true }); // Dropped quietly: a bot learns nothing.
        }

        if (!await limiter.TryAcquireAsync("contact", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        // Contact questions join the back office's list of enquiries (national staff follow them up).
        var message = new Enquiry
        {
            Id = Guid.NewGuid(),
            Kind = EnquiryKind.Contact,
            Status = EnquiryStatus.New,
            Name = TextRules.Clean(Input.Name)!,
            Email = Input.Email!.Trim(),
            Subject = TextRules.Clean(Input.Subject)!,
            Message = TextRules.Clean(Input.Message)!,
            Language = LocalizationSetup.Current,
            ReceivedAt = time.GetUtcNow(),
            Version = Guid.NewGuid(),
        };
        db.Enquiries.Add(message);
        // The programme's mailbox is told a question arrived and where to read it (never who or what).
        await EnquiryMail.AnnounceAsync(db, outbox, links, email.Value, t, message, ct);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return RedirectToPage(new { verzonden = true });
    }

    private bool Check(string field, string? value, int max, string requiredKey, bool multiline = false) =>
        this.CheckText(t, $"Input.{field}", value, max, requiredKey, multiline);
}
