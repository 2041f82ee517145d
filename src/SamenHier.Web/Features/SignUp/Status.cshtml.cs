using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

/// <summary>The page behind the link in the contact person's e-mail: who has confirmed, resend, replace.</summary>
[AllowAnonymous]
public sealed class StatusModel(SignUpService signUp, SubmissionRateLimiter limiter, IStringLocalizer<SharedResource> t) : PageModel
{
    public Group? Group { get; private set; }

    public string? Code { get; private set; }

    public string? Notice { get; private set; }

    public string GroupLabel { get; private set; } = "";

    public string ExpiresAt { get; private set; } = "";

    public async Task OnGetAsync(string? code, string? melding, CancellationToken ct)
    {
        await FindAsync(code, ct);
        Notice = melding switch
        {
            "verstuurd" => "SignUp_Status_ResentNotice",
            "vervangen" => "SignUp_Status_ReplacedNotice",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostResendAsync(string? code, Guid member, CancellationToken ct)
    {
        await FindAsync(code, ct);
        if (Group is null)
        {
            return Page();
        }

        if (!await limiter.TryAcquireAsync("resend", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        await signUp.ResendAsync(Group, member, ct);
        return Redirect($"/aanmelden/status?code={Uri.EscapeDataString(code!)}&melding=verstuurd");
    }

    private async Task FindAsync(string? code, CancellationToken ct)
    {
        Group = await signUp.FindByStatusTokenAsync(code, ct);
        if (Group is not null)
        {
            Code = code;
            GroupLabel = SignUpService.Label(Group, t);
            ExpiresAt = Group.ExpiresAt.ToNetherlands().ToString("d MMMM yyyy");
        }
    }
}
