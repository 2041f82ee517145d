using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Portal;

/// <summary>
/// Passwordless sign-in for group members and newcomers: a single-use link, valid for a short time,
/// e-mailed to a confirmed member of an active group or to a newcomer household's address. The
/// account is made from the confirmed membership or the coordinator's invitation when the first link
/// is sent. Whether an address is known never shows in the answer.
/// </summary>
public sealed class MemberSignIn(
    AppDbContext db,
    UserManager<AppUser> users,
    EmailOutbox outbox,
    PublicLinks links,
    TimeProvider time,
    IStringLocalizer<SharedResource> t)
{
    /// <summary>Where a newcomer lands after signing in.</summary>
    public const string NewcomerHome = "/nieuwkomer";

    /// <summary>How long an e-mailed sign-in link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(20);

    /// <summary>At most one link per person in this time, so nobody can flood a mailbox.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    /// <summary>The confirmed memberships of active groups that an address belongs to.</summary>
    public IQueryable<GroupMember> ActiveMemberships(string normalizedEmail) =>
        db.GroupMembers.Where(m => m.ActiveEmail == normalizedEmail && m.ConfirmedAt != null);

    /// <summary>
    /// Sends a link when the address belongs to a confirmed member of an active group, or to a
    /// newcomer household still in the programme; otherwise nothing.
    /// </summary>
    public async Task RequestAsync(string email, CancellationToken ct)
    {
        var normalized = MemberRules.NormalizeEmail(email);
        var member = await ActiveMemberships(normalized).OrderByDescending(m => m.ConfirmedAt).FirstOrDefaultAsync(ct);
        if (member is not null)
        {
            await SendAsync(member.UserId, member.Email, member.Name, member.PreferredLanguage, PortalRoles.GroupMember,
                userId => db.GroupMembers.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, userId), ct), ct);
            return;
        }

        var household = await ActiveHouseholds().FirstOrDefaultAsync(h => h.ContactEmail == normalized, ct);
        if (household is not null)
        {
            await SendToHouseholdAsync(household, ct);
        }
    }

    /// <summary>A coordinator invites a household to its own page: the same link, sent now. True when a link was sent.</summary>
    public async Task<bool> InviteNewcomerAsync(Guid householdId, CancellationToken ct)
    {
        var household = await ActiveHouseholds().SingleOrDefaultAsync(h => h.Id == householdId && h.ContactEmail != null, ct);
        return household is not null && await SendToHouseholdAsync(household, ct);
    }

    /// <summary>Households that can sign in: with an address, and not gone from the programme.</summary>
    private IQueryable<Newcomers.NewcomerHousehold> ActiveHouseholds() =>
        db.NewcomerHouseholds.Where(h => h.ContactEmail != null && h.Status != Newcomers.NewcomerStatus.Left);

    private Task<bool> SendToHouseholdAsync(Newcomers.NewcomerHousehold household, CancellationToken ct) =>
        // In the household's language when the portal speaks it, else English.
        SendAsync(household.UserId, household.ContactEmail!, household.Label, LanguageOf(household.ContactLanguage), PortalRoles.Newcomer,
            userId => db.NewcomerHouseholds.Where(h => h.Id == household.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.UserId, userId), ct), ct);

    /// <summary>The portal's language for a contact language: the same when the portal speaks it, else English.</summary>
    public static string LanguageOf(string? contactLanguage) =>
        Infrastructure.Localization.LocalizationSetup.SupportedCultures.Contains(contactLanguage) ? contactLanguage! : "en";

    private async Task<bool> SendAsync(Guid? userId, string email, string name, string language, string role, Func<Guid, Task<int>> link, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await AccountForAsync(userId, email, name, language, role);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (userId != user.Id)
        {
            await link(user.Id);
        }

        var now = time.GetUtcNow();
        var recent = now - MinimumInterval;
        if (await db.SignInLinks.AnyAsync(l => l.UserId == user.Id && l.CreatedAt > recent && l.UsedAt == null, ct))
        {
            await transaction.CommitAsync(ct);
            return false;
        }

        var (token, hash) = SecretToken.Create();
        db.SignInLinks.Add(new SignInLink { UserId = user.Id, TokenHash = hash, CreatedAt = now, ExpiresAt = now + LinkLifetime });
        var url = links.Absolute($"/inloggen/link?code={token}");
        outbox.Add(email, name, language, $"user:{user.Id:N}", () =>
            (t["Email_SignInLink_Subject"].Value,
             t[role == PortalRoles.Newcomer ? "Email_SignInLink_BodyNewcomer" : "Email_SignInLink_Body", name, url, (int)LinkLifetime.TotalMinutes].Value
                + "\n\n" + t[role == PortalRoles.Newcomer ? "Email_SignatureNewcomer" : "Email_Signature"].Value));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return true;
    }

    /// <summary>Whether a link would still work, without using it (for the page a mail scanner may open).</summary>
    public async Task<bool> IsUsableAsync(string? code, CancellationToken ct)
    {
        if (!SecretToken.LooksValid(code))
        {
            return false;
        }

        var hash = SecretToken.Hash(code!);
        var now = time.GetUtcNow();
        return await db.SignInLinks.AnyAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, ct);
    }

    /// <summary>
    /// Uses the link, once: the account to sign in and the page to go to, or null when the link is
    /// unknown, used, expired, or no longer leads to an active group or household.
    /// </summary>
    public async Task<(AppUser User, string Home)?> RedeemAsync(string? code, CancellationToken ct)
    {
        if (!SecretToken.LooksValid(code))
        {
            return null;
        }

        var hash = SecretToken.Hash(code!);
        var now = time.GetUtcNow();
        var link = await db.SignInLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now)
        {
            return null;
        }

        // A conditional update: of two requests with the same link, exactly one wins.
        var used = await db.SignInLinks.Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        if (used != 1)
        {
            return null;
        }

        var user = await users.FindByIdAsync(link.UserId.ToString());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        if (await db.GroupMembers.AnyAsync(m => m.UserId == user.Id && m.ActiveEmail != null && m.ConfirmedAt != null, ct))
        {
            return (user, "/mijn-groep");
        }

        // The household's address must still be the account's: a changed address cuts the old one off.
        var email = user.Email;
        return await ActiveHouseholds().AnyAsync(h => h.UserId == user.Id && h.ContactEmail == email, ct) ? (user, NewcomerHome) : null;
    }

    /// <summary>The person's account: by the id already linked, or by address (one person, one account), or made now; with the role.</summary>
    private async Task<AppUser?> AccountForAsync(Guid? userId, string email, string name, string language, string role)
    {
        var user = userId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        user ??= await users.FindByEmailAsync(email);
        if (user is null)
        {
            var newId = Guid.NewGuid();
            user = new AppUser
            {
                Id = newId,
                // Not the address: any address a person can have must work, and Identity limits user names.
                UserName = newId.ToString("N"),
                Email = email,
                DisplayName = name,
                Language = language,
                CreatedAt = time.GetUtcNow(),
                EmailConfirmed = true,
            };
            try
            {
                if (!(await users.CreateAsync(user)).Succeeded)
                {
                    user = await users.FindByEmailAsync(email);
                }
            }
            catch (DbUpdateException)
            {
                // Someone asked for the same address at the same moment and made the account first.
                db.ChangeTracker.Clear();
                user = await users.FindByEmailAsync(email);
            }

            if (user is null)
            {
                return null;
            }
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            await users.AddToRoleAsync(user, role);
        }

        return user;
    }
}
