using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SamenHier.Web.Features.Backoffice;

/// <summary>
/// Keeps what staff search for (often a person's name or e-mail address) out of addresses: the
/// search forms post, and the list's address, its page links and its export link carry the term
/// sealed (encrypted and signed with the site's keys, valid for <see cref="Lifetime"/>), so browser
/// history, bookmarks, referrers and any log of addresses hold only ciphertext. A term typed into the
/// address by hand still works; a sealed one that is expired or altered leads back to the list, which says so.
/// </summary>
public sealed class SearchSeal(IDataProtectionProvider provider)
{
    /// <summary>As long as the longest staff session.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const string Prefix = "s.";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("SamenHier.Backoffice.Search").ToTimeLimitedDataProtector();

    /// <summary>The longest term a list searches for; a longer one is cut here, before it goes into an address.</summary>
    public const int MaxLength = 100;

    /// <summary>The term as it goes into an address (null stays null).</summary>
    public string? Seal(string? term) =>
        string.IsNullOrWhiteSpace(term) ? null : Prefix + _protector.Protect(term.Trim()[..Math.Min(term.Trim().Length, MaxLength)], Lifetime);

    /// <summary>The term an address carried: opened when sealed, as typed otherwise; false when sealed but expired or altered.</summary>
    public bool TryOpen(string? value, out string? term)
    {
        term = value;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            term = _protector.Unprotect(value[Prefix.Length..]);
            return true;
        }
        catch (CryptographicException)
        {
            term = null;
            return false;
        }
    }

    /// <summary>
    /// Opens a list page's term before its handler runs (every handler: the list, its export, its other
    /// forms). An expired or altered term never widens a list or an export to everything: the page goes
    /// back to its list without a search, which says the search expired.
    /// </summary>
    public string? OpenFor(PageHandlerExecutingContext context, string? value)
    {
        if (TryOpen(value, out var term))
        {
            return term;
        }

        var request = context.HttpContext.Request;
        context.Result = new LocalRedirectResult($"{request.PathBase}{request.Path}?{ExpiredParameter}=true");
        return null;
    }

    /// <summary>The query parameter that tells a list its search expired (see <c>_SearchExpired.cshtml</c>).</summary>
    public const string ExpiredParameter = "verlopen";
}
