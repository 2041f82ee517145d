using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using SamenHier.Web.Infrastructure.Security;

namespace SamenHier.Web.Infrastructure;

public static class AppInfrastructure
{
    public static WebApplicationBuilder AddAppInfrastructure(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        // Text in every script is written as characters, not numeric entities (an Arabic page would be
        // several times larger); the characters that matter to HTML are still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<PublicLinks>();
        services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        services.AddScoped<SubmissionRateLimiter>();

        services.AddRazorPages(o =>
            {
                // Pages live beside the rest of their feature.
                o.RootDirectory = "/Features";
                // Every page requires a signed-in user unless it says it is public.
                o.Conventions.AuthorizeFolder("/");
            })
            .AddViewLocalization()
            .AddMvcOptions(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddAuthentication();
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = Security.AppCookies.Name(builder.Environment, "samenhier-af");
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Security.AppCookies.Policy(builder.Environment);
        });

        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per line; messages carry ids, never names or addresses.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
            // The framework's request logs hold URLs, and some URLs hold one-time secrets (set-password and
            // sign-in links): warnings only, also when appsettings.json was not found (another working directory).
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        // Used only when App:BehindProxy is on (see UseAppInfrastructure). Forwarded headers are
        // believed only from the proxies in App:KnownProxies (default: this machine).
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in (builder.Configuration["App:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        // Keys for cookies, form tokens and encrypted columns: in the database, each one encrypted (see KeyRing).
        services.AddAppDataProtection(builder.Configuration);
        services.AddSingleton<FormTiming>();
        services.AddSingleton<RestrictedData>();
        services.AddScoped<Features.Privacy.PersonalData>();
        services.AddScoped<Features.Privacy.Erasure>();
        services.AddScoped<Features.Portal.MemberLeaving>();
        services.AddSingleton<Features.Privacy.PrivacyStatement>();
        services.AddSingleton<Features.Backoffice.SearchSeal>();
        services.Configure<Features.Privacy.RetentionOptions>(builder.Configuration.GetSection(Features.Privacy.RetentionOptions.Section));
        services.AddHostedService<Features.Privacy.RetentionJob>();

        return builder;
    }

    public static WebApplication UseAppInfrastructure(this WebApplication app)
    {
        if (app.Environment.IsProduction() && string.IsNullOrWhiteSpace(app.Configuration["App:PublicBaseUrl"]))
        {
            throw new InvalidOperationException("Set App:PublicBaseUrl (for example https://samenhier.nl): e-mailed links are built from it.");
        }

        if (app.Configuration.GetValue("App:BehindProxy", false))
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fout");
        }
        else
        {
            app.UseDeveloperExceptionPage();
        }

        app.UseStatusCodePagesWithReExecute("/fout", "?code={0}");
        app.UseStaticFiles();
        app.UseFormNullCharacterGuard();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseNoStore();
        app.UseAuthorization();
        return app;
    }
}
