using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Security;

namespace SamenHier.Web.Features.Portal;

/// <summary>
/// The page behind the e-mailed link. Opening it signs nobody in (mail scanners open links); the
/// button does, once.
/// </summary>
[AllowAnonymous]
public sealed class LinkModel(MemberSignIn memberSignIn, SignInManager<AppUser> signIn, SubmissionRateLimiter limiter) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool Usable { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Usable = await memberSignIn.IsUsableAsync(Code, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync("sign-in-link", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (await memberSignIn.RedeemAsync(Code, ct) is not { } redeemed)
        {
            Usable = false;
            return Page();
        }

        // No second factor: this sign-in never satisfies a staff policy, whoever the account belongs to.
        await signIn.SignInWithClaimsAsync(redeemed.User, isPersistent: false, [new System.Security.Claims.Claim("amr", "email-link")]);
        if (redeemed.Home == MemberSignIn.NewcomerHome)
        {
            // A newcomer's portal opens in their own language (they can switch at the top).
            Infrastructure.Localization.LocalizationSetup.SetCulture(HttpContext, redeemed.User.Language);
        }

        return Redirect(redeemed.Home);
    }
}
