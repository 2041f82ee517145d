using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// Setting up the authenticator app, which every staff account must have: scan the QR code (or type
/// the key), enter a code to prove it works, keep the recovery codes. Only then is the person signed in.
/// </summary>
[AllowAnonymous]
public sealed class AuthenticatorModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    SetupTicket setup,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string? Key { get; private set; }

    public string? QrCodeDataUri { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool TicketValid { get; private set; }

    public async Task OnGetAsync()
    {
        if (await UserAsync() is { } user)
        {
            await LoadKeyAsync(user);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await UserAsync();
        if (user is null)
        {
            return Page();
        }

        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            this.AddError(nameof(Code), t["Error_Code_Wrong"]);
            Code = null;
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        SetupTicket.Clear(HttpContext);
        // The code just entered is the second factor of this sign-in.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return Page();
    }

    private async Task<AppUser?> UserAsync()
    {
        var id = setup.Read(HttpContext);
        var user = id is null ? null : await users.FindByIdAsync(id.Value.ToString());
        // An account whose access was removed (or that is locked) finishes no set-up.
        TicketValid = user is not null && !user.TwoFactorEnabled && user.DisabledAt is null && !await users.IsLockedOutAsync(user);
        return TicketValid ? user : null;
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        Key = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Samen Hier")}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString("Samen Hier")}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
