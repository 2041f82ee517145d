using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// Every request of a signed-in person checks the session against the database, so signing out, a
/// disabled account or a new password ends it at once on every server. Identity's validator does that
/// by loading the account, rebuilding the principal (roles and claims: several queries) and issuing a
/// new cookie on every request. In the usual case nothing about the account changed: two key lookups
/// (security stamp, roles) show that, and the session goes on, its cookie issued again at most once a
/// minute (so the idle timeout counts from the last request). Only when the stamp or
/// the roles differ does Identity's validator run, which ends the session or renews it with the roles
/// of now.
/// </summary>
public static class SessionValidation
{
    /// <summary>An unchanged session's cookie is issued again at most this often, so the idle timeout counts from the last request.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!await UnchangedAsync(context))
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            return;
        }

        // Sliding expiration alone renews only after half the idle timeout has passed, which would end
        // an idle session between 15 and 30 minutes after the last request instead of after 30.
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued >= RenewEvery)
        {
            context.ShouldRenew = true;
        }
    }

    private static async Task<bool> UnchangedAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        if (principal is null
            || !Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var id)
            || principal.FindFirstValue(claims.SecurityStampClaimType) is not { Length: > 0 } stamp)
        {
            return false;
        }

        // Two lookups by key (one query joining the roles in would scan them on SQLite).
        var db = services.GetRequiredService<AppDbContext>();
        var ct = context.HttpContext.RequestAborted;
        var current = await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleOrDefaultAsync(ct);
        if (!string.Equals(current, stamp, StringComparison.Ordinal))
        {
            return false;
        }

        var roles = await db.UserRoles.Where(r => r.UserId == id)
            .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name)
            .ToListAsync(ct);
        var held = principal.FindAll(claims.RoleClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return held.SetEquals(roles.OfType<string>());
    }
}
