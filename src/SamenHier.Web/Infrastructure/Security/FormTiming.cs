using Microsoft.AspNetCore.DataProtection;

namespace SamenHier.Web.Infrastructure.Security;

/// <summary>
/// A protected "form shown at" stamp for single-page forms (the sign-up keeps its start in the draft):
/// a form sent back faster than a person could type it, or with a forged stamp, is taken for a bot.
/// </summary>
public sealed class FormTiming(IDataProtectionProvider protection, TimeProvider time)
{
    public const string FieldName = "shown";

    private readonly IDataProtector _protector = protection.CreateProtector("SamenHier.FormTiming.v1");

    public string Stamp() => _protector.Protect(time.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>True when the stamp is ours and at least <paramref name="minimumSeconds"/> old.</summary>
    public bool LooksHuman(string? stamp, double minimumSeconds)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        try
        {
            var ticks = long.Parse(_protector.Unprotect(stamp), System.Globalization.CultureInfo.InvariantCulture);
            return time.GetUtcNow().UtcTicks - ticks >= TimeSpan.FromSeconds(minimumSeconds).Ticks;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return false;
        }
    }
}
