using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// Refuses passwords that appear on a list of commonly used ones (ASVS 2.1.7, NIST SP 800-63B 5.1.1.2),
/// and a password that is the person's own e-mail address. The list: every password of at least
/// 12 characters among the million most common of the SecLists "10 million passwords" collection
/// (OWASP SecLists, CC BY-SA 3.0), lower-cased; the comparison ignores case.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "CommonPassword";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool IsCommon(string password) => List.Value.Contains(password.Trim().ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var email = user.Email ?? "";
        var local = email.Split('@')[0];
        var common = IsCommon(password)
            || string.Equals(password.Trim(), email, StringComparison.OrdinalIgnoreCase)
            || (local.Length >= 8 && string.Equals(password.Trim(), local, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(common
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "The password is commonly used." })
            : IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("SamenHier.Web.Features.Accounts.CommonPasswords.txt.gz")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
