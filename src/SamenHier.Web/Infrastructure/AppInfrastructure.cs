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
        services.AddHttpContextAccessor();
        services.AddScoped<PublicLinks>();
        services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<SubmissionRateLimiter>();

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
            o.Cookie.Name = "samenhier-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per line; messages carry ids, never names or addresses.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        }

        // Used only when App:BehindProxy is on (see UseAppInfrastructure).
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });

        return builder;
    }

    public static WebApplication UseAppInfrastructure(this WebApplication app)
    {
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
        app.UseAuthorization();
        return app;
    }
}
