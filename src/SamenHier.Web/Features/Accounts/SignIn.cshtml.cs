using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// Staff sign in with a password, then a code from their authenticator app. The answer to a wrong
/// password, an unknown address and a locked account is the same.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    SetupTicket setup,
    SubmissionRateLimiter limiter,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? terug)
    {
        if (!await limiter.TryAcquireAsync("sign-in", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        this.CheckText(t, nameof(Email), Email, Limits.Email, "Error_Email_Required");
        if (string.IsNullOrEmpty(Password))
        {
            this.AddError(nameof(Password), t["Error_Password_Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email!.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return Redirect(AccountLinks.WithReturn("/beheer/inloggen/code", terug));
        }

        if (result.Succeeded)
        {
            // Right password but no authenticator yet: not signed in until one is set up.
            await signIn.SignOutAsync();
            setup.Issue(HttpContext, user!.Id);
            return Redirect("/beheer/authenticator");
        }

        this.AddError(nameof(Email), t["Error_SignIn_Failed"]);
        Password = null;
        return Page();
    }
}

public static class AccountLinks
{
    /// <summary>Only a back-office path may be returned to after signing in.</summary>
    public static string SafeReturn(string? path) =>
        path is { Length: > 1 and < 500 } && path.StartsWith("/beheer", StringComparison.Ordinal)
            && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal) && !path.Any(char.IsControl)
            ? path
            : "/beheer";

    public static string WithReturn(string page, string? terug) =>
        terug is null ? page : $"{page}?terug={Uri.EscapeDataString(SafeReturn(terug))}";
}
