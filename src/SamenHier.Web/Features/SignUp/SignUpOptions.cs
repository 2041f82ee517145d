namespace SamenHier.Web.Features.SignUp;

/// <summary>Programme settings for group sign-up (configuration section "SignUp").</summary>
public sealed class SignUpOptions
{
    public const string Section = "SignUp";

    public int MinMembers { get; set; } = 5;

    public int MaxMembers { get; set; } = 5;

    /// <summary>A sign-up that is not complete after this many days expires and its personal data is deleted.</summary>
    public int ExpiryDays { get; set; } = 14;

    /// <summary>How long a member's confirmation link works; the status page can send a fresh one.</summary>
    public int ConfirmLinkDays { get; set; } = 7;

    /// <summary>The version of the privacy statement that people agree to; recorded with each consent.</summary>
    public string PrivacyStatementVersion { get; set; } = "2026-12-02";

    /// <summary>A sign-up completed faster than this is taken for a bot and dropped quietly.</summary>
    public double MinimumSecondsToComplete { get; set; } = 10;

    /// <summary>Run the hourly job that expires incomplete sign-ups in this instance.</summary>
    public bool ExpiryJobEnabled { get; set; } = true;

    /// <summary>Unfinished drafts are removed after this many hours.</summary>
    public int DraftLifetimeHours { get; set; } = 24;

    /// <summary>Languages a member can say they speak (keys; names come from the resource files).</summary>
    public static readonly string[] Languages =
        ["nl", "en", "ar", "ti", "fa", "ps", "so", "tr", "ku", "uk", "fr", "de", "es", "other"];

    public static readonly string[] LanguageLevels = ["basic", "conversational", "fluent", "native"];

    /// <summary>Sectors of a member's work and network, used later for matching on work and study goals.</summary>
    public static readonly string[] Sectors =
        ["education", "health", "ict", "construction", "hospitality", "retail", "government", "finance",
         "culture", "social", "logistics", "engineering", "agriculture", "legal", "other"];

    public static readonly string[] Availability = ["weekday-daytime", "weekday-evening", "weekend"];

    public const int LanguageRows = 3;
}
