using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// The page behind a set-password link (from <c>create-admin</c> or a staff invitation). The link
/// works once: setting the password changes the account's security stamp, which voids it.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(UserManager<AppUser> users, SetupTicket setup, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public bool LinkValid { get; private set; }

    public async Task OnGetAsync(Guid gebruiker, string? code) =>
        LinkValid = await FindAsync(gebruiker, code) is { } user
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, code!);

    public async Task<IActionResult> OnPostAsync(Guid gebruiker, string? code)
    {
        var user = await FindAsync(gebruiker, code);
        LinkValid = user is not null;
        if (user is null)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(Password) || Password.Length < users.Options.Password.RequiredLength)
        {
            this.AddError(nameof(Password), t["Error_Password_TooShort", users.Options.Password.RequiredLength]);
        }
        else if (Password.Length > 200)
        {
            this.AddError(nameof(Password), t["Error_TooLong", 200]);
        }
        else if (Password != Repeat)
        {
            this.AddError(nameof(Repeat), t["Error_Password_Repeat"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, code!, Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkValid = false;
                return Page();
            }

            this.AddError(nameof(Password), result.Errors.Any(e => e.Code == CommonPasswords.ErrorCode) ? t["Error_Password_Common"] : t["Error_Password_Weak"]);
            return Page();
        }

        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        setup.Issue(HttpContext, user.Id);
        return Redirect("/beheer/authenticator");
    }

    private async Task<AppUser?> FindAsync(Guid id, string? code) =>
        string.IsNullOrEmpty(code) || code.Length > 2000 ? null : await users.FindByIdAsync(id.ToString());
}
