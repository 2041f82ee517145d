using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Accounts;

/// <summary>The second step: a code from the authenticator app, or one of the recovery codes.</summary>
[AllowAnonymous]
public sealed class TwoFactorModel(SignInManager<AppUser> signIn, SubmissionRateLimiter limiter, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = "herstel")]
    public bool Recovery { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/beheer/inloggen") : Page();

    public async Task<IActionResult> OnPostAsync(string? terug)
    {
        if (!await limiter.TryAcquireAsync("sign-in", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect("/beheer/inloggen");
        }

        // Recovery codes look like "AB12C-D34EF"; authenticator codes are digits, maybe typed with spaces.
        var code = new string((Code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (code.Length is 0 or > 20)
        {
            this.AddError(nameof(Code), t["Error_Code_Required"]);
            return Page();
        }

        var result = Recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return Redirect(AccountLinks.SafeReturn(terug));
        }

        this.AddError(nameof(Code), t["Error_SignIn_Failed"]);
        Code = null;
        return Page();
    }
}
