namespace SamenHier.Web.Infrastructure.Security;

/// <summary>
/// The names and Secure flag of the app's own cookies. Everywhere but Development they carry the
/// <c>__Host-</c> prefix and are always Secure: the browser keeps them only over HTTPS, for this host
/// and path "/". Development (<c>dotnet run</c> on http://localhost) uses the same names without the
/// prefix, Secure only over HTTPS, because a prefixed cookie must be Secure and ASP.NET's antiforgery
/// refuses a Secure-only cookie on a plain-HTTP request.
/// </summary>
public static class AppCookies
{
    public static string Name(IHostEnvironment environment, string name) => environment.IsDevelopment() ? name : "__Host-" + name;

    public static CookieSecurePolicy Policy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static string Name(HttpContext http, string name) => Name(Environment(http), name);

    public static bool Secure(HttpContext http) => !Environment(http).IsDevelopment() || http.Request.IsHttps;

    private static IHostEnvironment Environment(HttpContext http) => http.RequestServices.GetRequiredService<IHostEnvironment>();
}
