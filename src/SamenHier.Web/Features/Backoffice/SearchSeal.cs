using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SamenHier.Web.Features.Backoffice;

/// <summary>
/// Keeps what staff search for (often a person's name or e-mail address) out of addresses: the
/// search forms post, and the list's address, its page links and its export link carry the term
/// sealed (encrypted and signed with the site's keys, valid for <see cref="Lifetime"/>), so browser
/// history, bookmarks, referrers and any log of addresses hold only ciphertext. A term typed into the
/// address by hand still works; a sealed one that is expired or altered searches for nothing.
/// </summary>
public sealed class SearchSeal(IDataProtectionProvider provider)
{
    /// <summary>As long as the longest staff session.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const string Prefix = "s.";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("SamenHier.Backoffice.Search").ToTimeLimitedDataProtector();

    /// <summary>The term as it goes into an address (null stays null).</summary>
    public string? Seal(string? term) =>
        string.IsNullOrWhiteSpace(term) ? null : Prefix + _protector.Protect(term.Trim(), Lifetime);

    /// <summary>The term an address carried: opened when sealed, as typed otherwise.</summary>
    public string? Open(string? value)
    {
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return value;
        }

        try
        {
            return _protector.Unprotect(value[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
