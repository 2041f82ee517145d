using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// Signing out is a POST (a link could be triggered by another site). It ends the session on the server
/// too: a new security stamp makes every cookie of this account invalid, including a copied one.
/// </summary>
[Authorize]
public sealed class SignOutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => Redirect("/beheer");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
