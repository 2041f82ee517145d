using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

/// <summary>The contact person replaces a member who has not confirmed with someone else.</summary>
[AllowAnonymous]
public sealed class ReplaceModel(SignUpService signUp, SubmissionRateLimiter limiter, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public string? Code { get; private set; }

    public string? OldName { get; private set; }

    private Group? _group;

    public async Task OnGetAsync(string? code, Guid lid, CancellationToken ct)
    {
        await FindAsync(code, lid, ct);
        Input = new MemberInput { PreferredLanguage = LocalizationSetup.Current };
    }

    public async Task<IActionResult> OnPostAsync(string? code, Guid lid, CancellationToken ct)
    {
        await FindAsync(code, lid, ct);
        if (_group is null || OldName is null)
        {
            return Page();
        }

        if (!await limiter.TryAcquireAsync("replace", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var (details, errors) = MemberRules.Check(Input, time.TodayInNetherlands());
        if (details is not null)
        {
            var email = MemberRules.NormalizeEmail(details.Email);
            if (_group.Members.Any(m => MemberRules.NormalizeEmail(m.Email) == email)
                || (await signUp.EmailsInActiveGroupsAsync([details.Email], ct)).Count > 0)
            {
                errors.Add(new FieldError(nameof(MemberInput.Email), "Error_Email_Taken"));
            }
        }

        if (errors.Count > 0)
        {
            this.ClearErrors();
            foreach (var error in errors.OrderBy(e => MemberModel.FieldOrder(e.Field)))
            {
                this.AddError($"Input.{error.Field}", t[error.MessageKey, error.Args]);
            }

            return Page();
        }

        try
        {
            await signUp.ReplaceAsync(_group, lid, details!, ct);
        }
        catch (DbUpdateException)
        {
            this.AddError("Input.Email", t["Error_Email_Taken"]);
            return Page();
        }

        return Redirect($"/aanmelden/status?code={Uri.EscapeDataString(code!)}&melding=vervangen");
    }

    private async Task FindAsync(string? code, Guid memberId, CancellationToken ct)
    {
        _group = await signUp.FindByStatusTokenAsync(code, ct);
        var member = _group?.Members.SingleOrDefault(m => m.Id == memberId && m.ConfirmedAt == null && !m.IsContactPerson);
        if (_group is not null && member is not null && _group.Status == GroupStatus.AwaitingConfirmation)
        {
            Code = code;
            OldName = member.Name;
        }
    }
}
