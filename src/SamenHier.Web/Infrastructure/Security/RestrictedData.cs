using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SamenHier.Web.Infrastructure.Security;

/// <summary>
/// The value of a restricted (special category) field as the database holds it: ciphertext. Its
/// text is read only through <see cref="RestrictedData.Reveal"/>, so no page, export or log can show
/// it by accident (<see cref="ToString"/> says only that it is restricted).
/// </summary>
public sealed class SealedText : IEquatable<SealedText>
{
    public SealedText(string stored) => Stored = stored;

    /// <summary>What the column holds.</summary>
    public string Stored { get; }

    // EF Core passes no nulls to a converter: a null stays NULL in the column.
    public static readonly ValueConverter<SealedText?, string> Converter = new(v => v!.Stored, s => new SealedText(s));

    public override string ToString() => "(restricted)";

    public bool Equals(SealedText? other) => other is not null && string.Equals(Stored, other.Stored, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SealedText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Stored);
}

/// <summary>
/// Encrypts and decrypts restricted fields with the key ring (ASP.NET Core Data Protection:
/// AES-256-CBC with HMAC-SHA256, keys rotated every 90 days, old keys kept for reading). Each field
/// has its own purpose, so a value copied into another column does not decrypt there.
/// </summary>
public sealed class RestrictedData(IDataProtectionProvider protection)
{
    /// <summary>Marks values this class sealed; a value without it is plain text from before encryption (see <c>SealLegacyAsync</c>).</summary>
    public const string Prefix = "dp1:";

    private IDataProtector For(string field) => protection.CreateProtector("SamenHier.Restricted.v1", field);

    public SealedText? Seal(string field, string? text) =>
        string.IsNullOrEmpty(text) ? null : new SealedText(Prefix + For(field).Protect(text));

    /// <summary>The text of a sealed value (null for none). Throws when the key ring cannot read it: never shows something wrong.</summary>
    public string? Reveal(string field, SealedText? value)
    {
        if (value is null)
        {
            return null;
        }

        return value.Stored.StartsWith(Prefix, StringComparison.Ordinal) ? For(field).Unprotect(value.Stored[Prefix.Length..]) : value.Stored;
    }

    /// <summary>
    /// The value to store for <paramref name="text"/>: the current one when the text is the same (so an
    /// unchanged field is not recorded as a change), otherwise newly sealed.
    /// </summary>
    public SealedText? Update(string field, SealedText? current, string? text) =>
        string.Equals(Reveal(field, current) ?? "", text ?? "", StringComparison.Ordinal) ? current : Seal(field, text);

    /// <summary>Whether a stored value still needs sealing (plain text written before encryption).</summary>
    public static bool IsLegacy(SealedText? value) => value is not null && value.Stored.Length > 0 && !value.Stored.StartsWith(Prefix, StringComparison.Ordinal);
}
