using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    /// <summary>
    /// Dutch first, English second; then the newcomers' languages, which the pages newcomers read
    /// (sign-in, their portal, their details) and their e-mails speak: Arabic, Tigrinya, Dari
    /// (Persian script, <c>fa</c>), Ukrainian and Somali. Elsewhere their text falls back to Dutch.
    /// </summary>
    public static readonly string[] SupportedCultures = ["nl", "en", "ar", "ti", "fa", "uk", "so"];

    /// <summary>Each language's name in that language, for the language switch (names, not text to translate).</summary>
    public static readonly IReadOnlyDictionary<string, string> Endonyms = new Dictionary<string, string>
    {
        ["nl"] = "Nederlands",
        ["en"] = "English",
        ["ar"] = "العربية",
        ["ti"] = "ትግርኛ",
        ["fa"] = "دری",
        ["uk"] = "Українська",
        ["so"] = "Soomaali",
    };

    /// <summary>Languages written right to left.</summary>
    public static bool IsRightToLeft(string culture) => culture is "ar" or "fa";

    public const string DefaultCulture = "nl";

    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Dutch unless the visitor chose otherwise with the language switch (a cookie).
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static string Normalize(string? culture) =>
        SupportedCultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? DefaultCulture;

    public static string Current => Normalize(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>Runs <paramref name="action"/> with the texts of <paramref name="culture"/>, for e-mails to someone else.</summary>
    public static T In<T>(string culture, Func<T> action)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var target = new CultureInfo(Normalize(culture));
        CultureInfo.CurrentCulture = target;
        CultureInfo.CurrentUICulture = target;
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    public static void MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        // A plain link (works without JavaScript): /taal/en?terug=/steden
        app.MapGet("/taal/{culture}", (string culture, string? terug, HttpContext http) =>
        {
            SetCulture(http, culture);
            return Results.LocalRedirect(IsLocalPath(terug) ? Escape(terug!) : "/");
        }).AllowAnonymous();
    }

    /// <summary>Remembers the person's language (a cookie that only holds the language).</summary>
    public static void SetCulture(HttpContext http, string? culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Normalize(culture))),
            new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });

    /// <summary>
    /// The address as a header may carry it: every byte outside printable ASCII, and the characters
    /// that are never literal in a URL, percent-encoded (a raw "¿" in Location was a server error).
    /// </summary>
    private static string Escape(string path)
    {
        var escaped = new System.Text.StringBuilder(path.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(path))
        {
            if (b is < 0x21 or > 0x7E or (byte)'"' or (byte)'<' or (byte)'>' or (byte)'\\' or (byte)'^' or (byte)'`' or (byte)'{' or (byte)'|' or (byte)'}')
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append((char)b);
            }
        }

        return escaped.ToString();
    }

    private static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && path.Length < 500 && !path.Any(char.IsControl);
}

/// <summary>Short-hand for views and handlers: <c>T["Key"]</c>.</summary>
public static class LocalizerExtensions
{
    public static string Text(this IStringLocalizer<SharedResource> t, string key, params object[] args) =>
        args.Length == 0 ? t[key].Value : t[key, args].Value;
}
