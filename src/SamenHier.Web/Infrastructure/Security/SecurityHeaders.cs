namespace SamenHier.Web.Infrastructure.Security;

public static class SecurityHeaders
{
    // No inline script or style, nothing from other origins: no trackers, fonts or CDNs.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                // Browsers ignore HSTS over plain HTTP, so sending it always is harmless and keeps it on every response.
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>
    /// Nothing past the static files is kept by the browser or a proxy (ASVS 8.2.1): a signed-in page
    /// always answers <c>Cache-Control: no-store</c>, so the back button on a shared computer shows no
    /// one's data after signing out; a public answer keeps a rule of its own if it set one.
    /// </summary>
    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (context.User.Identity?.IsAuthenticated == true || !headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next();
        });
}
