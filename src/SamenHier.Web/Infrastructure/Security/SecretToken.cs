using System.Security.Cryptography;
using System.Text;

namespace SamenHier.Web.Infrastructure.Security;

/// <summary>
/// Secrets for e-mailed links. Only the SHA-256 of a secret is stored, so a copy of the database
/// cannot be used to confirm or view anything.
/// </summary>
public static class SecretToken
{
    public static (string Token, string Hash) Create()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token as we issue them: 43 URL-safe characters. Anything else is not looked up.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
