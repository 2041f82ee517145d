using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    /// <summary>Dutch first, English second. Newcomers' languages join where newcomers read the product.</summary>
    public static readonly string[] SupportedCultures = ["nl", "en"];

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
            var chosen = Normalize(culture);
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                });
            return Results.LocalRedirect(IsLocalPath(terug) ? terug! : "/");
        }).AllowAnonymous();
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
