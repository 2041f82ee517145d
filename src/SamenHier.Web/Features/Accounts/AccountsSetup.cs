using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>How long an e-mailed or printed set-password link works.</summary>
    public static readonly TimeSpan SetPasswordLinkLifetime = TimeSpan.FromDays(3);

    /// <summary>A session ends after this long without a request (ASVS 3.3.2, level 2).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after signing in, however active (ASVS 3.3.4).</summary>
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    /// <summary>When the person signed in (Unix seconds); kept when the session is renewed.</summary>
    public const string SignedInAtClaim = "samenhier:signed-in-at";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = false;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<CommonPasswords>();
        // PBKDF2 with HMAC-SHA512 (Identity's v3 format) and OWASP's 210,000 iterations; older hashes
        // are rehashed at the next sign-in.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        // The session is checked against the database on every request: signing out, a disabled account
        // or a changed password ends every session of that account at once, on every server.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // The renewed session keeps how the person signed in (the second factor) and since when.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && context.CurrentPrincipal is not null)
                {
                    foreach (var claim in context.CurrentPrincipal.Claims.Where(c => c.Type is "amr" or SignedInAtClaim))
                    {
                        if (!identity.HasClaim(claim.Type, claim.Value))
                        {
                            identity.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
                        }
                    }
                }

                return Task.CompletedTask;
            };
        });
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = SetPasswordLinkLifetime);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.HttpOnly = true;
            // Lax: a link in an e-mail opens the signed-in page; a form posted from another site carries no cookie.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = context =>
            {
                if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SignedInAtClaim))
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    identity.AddClaim(new System.Security.Claims.Claim(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                var signedInAt = long.TryParse(context.Principal?.FindFirst(SignedInAtClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : (DateTimeOffset?)null;
                if (signedInAt is null || now - signedInAt.Value > AbsoluteTimeout)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await SessionValidation.ValidateAsync(context);
            };
            o.LoginPath = "/beheer/inloggen";
            o.LogoutPath = "/beheer/uitloggen";
            o.AccessDeniedPath = "/beheer/geen-toegang";
            o.ReturnUrlParameter = "terug";
            // Group members sign in with an e-mailed link, not on the staff page.
            o.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(context.Request.Path.StartsWithSegments("/mijn-groep") || context.Request.Path.StartsWithSegments("/mijn-gegevens") || context.Request.Path.StartsWithSegments("/nieuwkomer")
                    || context.Request.Path.StartsWithSegments("/activiteiten") || context.Request.Path.StartsWithSegments("/meldingen")
                    || context.Request.Path.StartsWithSegments("/vragenlijst") ? "/inloggen" : context.RedirectUri);
                return Task.CompletedTask;
            };
            // The page they may not open does not travel along to "no access" (nor its record's id into its links).
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.Redirect(context.Options.AccessDeniedPath);
                return Task.CompletedTask;
            };
        });
        // The session, an external sign-in (unused) and the step between password and second factor:
        // __Host- and Secure (see AppCookies).
        foreach (var (scheme, name) in new[] { (IdentityConstants.ApplicationScheme, "samenhier-auth"), (IdentityConstants.ExternalScheme, "samenhier-ext"), (IdentityConstants.TwoFactorUserIdScheme, "samenhier-2fa") })
        {
            services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme).Configure<IHostEnvironment>((o, environment) =>
            {
                o.Cookie.Name = Infrastructure.Security.AppCookies.Name(environment, name);
                o.Cookie.SecurePolicy = Infrastructure.Security.AppCookies.Policy(environment);
                if (scheme == IdentityConstants.TwoFactorUserIdScheme)
                {
                    o.Cookie.SameSite = SameSiteMode.Strict;
                }
            });
        }
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.All)
                // Only a sign-in that used the second factor counts (Identity adds amr=mfa).
                .RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.Coordinator, p => p
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.NationalStaff, StaffRoles.Coordinator)
                .RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.GroupMember, p => p
                .RequireAuthenticatedUser()
                .RequireRole(PortalRoles.GroupMember))
            .AddPolicy(Policies.Newcomer, p => p
                .RequireAuthenticatedUser()
                .RequireRole(PortalRoles.Newcomer))
            .AddPolicy(Policies.SignedIn, p => p
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.IsInRole(PortalRoles.GroupMember) || c.User.IsInRole(PortalRoles.Newcomer)
                    || (StaffRoles.All.Any(c.User.IsInRole) && c.User.HasClaim("amr", "mfa"))))
            .AddPolicy(Policies.NationalStaff, p => p
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.NationalStaff)
                .RequireClaim("amr", "mfa"));
        services.AddScoped<CurrentStaff>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<Groups.GroupJourney>();
        services.AddScoped<Groups.StageTimes>();
        services.AddSingleton<Groups.StageTimes.ProgrammeHistory>();
        services.AddScoped<Portal.MemberSignIn>();
        services.AddSingleton<SetupTicket>();
        return services;
    }

    /// <summary>The roles exist in every database, so a role check never depends on data entry.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in StaffRoles.All.Concat(PortalRoles.All))
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }
    }
}

/// <summary>
/// After a new password is set, the person must set up their authenticator before they are signed
/// in. This short-lived, protected cookie carries who they are between those two pages.
/// </summary>
public sealed class SetupTicket(IDataProtectionProvider protection, TimeProvider time)
{
    private const string CookieName = "samenhier-2fa-setup";

    // The expiry travels inside the protected payload and is checked against TimeProvider: a
    // time-limited protector would check it against the system clock instead.
    private readonly IDataProtector _protector = protection.CreateProtector("SamenHier.Accounts.SetupTicket.v2");

    public void Issue(HttpContext http, Guid userId) =>
        http.Response.Cookies.Append(Infrastructure.Security.AppCookies.Name(http, CookieName), _protector.Protect($"{userId:N}|{time.GetUtcNow().AddMinutes(15).ToUnixTimeSeconds()}"), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = Infrastructure.Security.AppCookies.Secure(http),
            MaxAge = TimeSpan.FromMinutes(15),
        });

    public Guid? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Infrastructure.Security.AppCookies.Name(http, CookieName), out var value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|');
            return parts.Length == 2 && Guid.TryParse(parts[0], out var id)
                && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires)
                && expires > time.GetUtcNow().ToUnixTimeSeconds() ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void Clear(HttpContext http) =>
        http.Response.Cookies.Delete(Infrastructure.Security.AppCookies.Name(http, CookieName), new CookieOptions { Secure = Infrastructure.Security.AppCookies.Secure(http) });
}
