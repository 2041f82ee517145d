using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Portal;

/// <summary>Group members ask for a sign-in link. The answer is the same whether or not the address is known.</summary>
[AllowAnonymous]
public sealed class RequestLinkModel(MemberSignIn signIn, SubmissionRateLimiter limiter, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet(bool verstuurd) => Sent = verstuurd;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync("sign-in-link", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (this.CheckText(t, nameof(Email), Email, Limits.Email, "Error_Email_Required") && !MemberRules.IsEmail(Email!.Trim()))
        {
            this.AddError(nameof(Email), t["Error_Email_Format"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await signIn.RequestAsync(Email!, ct);
        return Redirect("/inloggen?verstuurd=true");
    }
}
