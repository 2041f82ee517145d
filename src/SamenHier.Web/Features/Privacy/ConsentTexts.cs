using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Privacy;

/// <summary>
/// The exact text a person agreed to: what the box said and the statement it pointed to, in the
/// language they read it in, under the version it carried. Stored once per distinct text (by its
/// SHA-256), so a text changed in the resource files without a new version number is still told
/// apart, and each consent points at the words it was given to.
/// </summary>
public sealed class ConsentText
{
    public int Id { get; set; }

    /// <summary>What the consent was for (<see cref="ConsentTexts.SignUp"/>, <see cref="ConsentTexts.ProfileSharing"/>).</summary>
    public required string Kind { get; set; }

    /// <summary>The version the text carried (the privacy statement's, e.g. 2026-12).</summary>
    public required string Version { get; set; }

    public required string Language { get; set; }

    public required string Text { get; set; }

    /// <summary>Hex SHA-256 of kind, version, language and text: one row per distinct text.</summary>
    public required string Sha256 { get; set; }

    /// <summary>When the text was first agreed to.</summary>
    public DateTimeOffset FirstAgreedAt { get; set; }
}

public static class ConsentTexts
{
    /// <summary>A member's consent at sign-up or confirmation: the box and the privacy statement.</summary>
    public const string SignUp = "sign-up";

    /// <summary>A newcomer household's consent that its group sees its profile.</summary>
    public const string ProfileSharing = "profile-sharing";

    /// <summary>The version of the profile-sharing text (raise it when its meaning changes).</summary>
    public const string ProfileSharingVersion = "2026-11";

    /// <summary>What a household agrees to when its group may see its profile: what is shared, and the button it pressed (or told staff).</summary>
    public static string ProfileSharingText(IStringLocalizer t) => $"{t["MyDetails_SharingWhat"].Value}\n\n{t["MyDetails_Share"].Value}";

    /// <summary>The language the current request reads in.</summary>
    public static string CurrentLanguage => Infrastructure.Localization.LocalizationSetup.Current;

    /// <summary>
    /// The id of this exact text, recorded the first time it is agreed to. Written on its own (an
    /// insert that does nothing when another request just recorded the same text), so it never saves
    /// anything else pending in the context.
    /// </summary>
    public static async Task<int> IdAsync(AppDbContext db, string kind, string version, string language, string text, DateTimeOffset now, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{version}\n{language}\n{text}")));
        if (await Find(db, hash).SingleOrDefaultAsync(ct) is { } id)
        {
            return id;
        }

        // Parameterised; ON CONFLICT works the same on SQLite and PostgreSQL. The time goes in as the
        // provider stores it (SQLite keeps it as a number).
        var at = db.Model.FindEntityType(typeof(ConsentText))!.FindProperty(nameof(ConsentText.FirstAgreedAt))!.GetTypeMapping().Converter?.ConvertToProvider(now) ?? now;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ConsentTexts" ("Kind", "Version", "Language", "Text", "Sha256", "FirstAgreedAt") VALUES ({kind}, {version}, {language}, {text}, {hash}, {at}) ON CONFLICT ("Sha256") DO NOTHING""",
            ct);
        return (await Find(db, hash).SingleAsync(ct))!.Value;
    }

    private static IQueryable<int?> Find(AppDbContext db, string hash) =>
        db.ConsentTexts.AsNoTracking().Where(c => c.Sha256 == hash).Select(c => (int?)c.Id);
}
