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
/// Passwordless sign-in for group members: a single-use link, valid for a short time, e-mailed to a
/// confirmed member of an active group. The member's account is made from their confirmed
/// membership on the first request. Whether an address is known never shows in the answer.
/// </summary>
public sealed class MemberSignIn(
    AppDbContext db,
    UserManager<AppUser> users,
    EmailOutbox outbox,
    PublicLinks links,
    TimeProvider time,
    IStringLocalizer<SharedResource> t)
{
    /// <summary>How long an e-mailed sign-in link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(20);

    /// <summary>At most one link per person in this time, so nobody can flood a mailbox.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    /// <summary>The confirmed memberships of active groups that an address belongs to.</summary>
    public IQueryable<GroupMember> ActiveMemberships(string normalizedEmail) =>
        db.GroupMembers.Where(m => m.ActiveEmail == normalizedEmail && m.ConfirmedAt != null);

    /// <summary>Sends a link when the address belongs to a confirmed member of an active group; otherwise nothing.</summary>
    public async Task RequestAsync(string email, CancellationToken ct)
    {
        var normalized = MemberRules.NormalizeEmail(email);
        var member = await ActiveMemberships(normalized).OrderByDescending(m => m.ConfirmedAt).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await AccountForAsync(member);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return;
        }

        var now = time.GetUtcNow();
        var recent = now - MinimumInterval;
        if (await db.SignInLinks.AnyAsync(l => l.UserId == user.Id && l.CreatedAt > recent && l.UsedAt == null, ct))
        {
            return;
        }

        var (token, hash) = SecretToken.Create();
        db.SignInLinks.Add(new SignInLink { UserId = user.Id, TokenHash = hash, CreatedAt = now, ExpiresAt = now + LinkLifetime });
        var link = links.Absolute($"/inloggen/link?code={Uri.EscapeDataString(token)}");
        outbox.Add(member.Email, member.Name, member.PreferredLanguage, $"user:{user.Id:N}", () =>
            (t["Email_SignInLink_Subject"].Value,
             t["Email_SignInLink_Body", member.Name, link, (int)LinkLifetime.TotalMinutes].Value + "\n\n" + t["Email_Signature"].Value));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
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

    /// <summary>Uses the link, once: the account to sign in, or null when the link is unknown, used, expired or no longer leads to an active group.</summary>
    public async Task<AppUser?> RedeemAsync(string? code, CancellationToken ct)
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
        if (user is null || await users.IsLockedOutAsync(user)
            || !await db.GroupMembers.AnyAsync(m => m.UserId == user.Id && m.ActiveEmail != null && m.ConfirmedAt != null, ct))
        {
            return null;
        }

        return user;
    }

    /// <summary>The member's account: found by address (one person, one account) or made now, with the group member role.</summary>
    private async Task<AppUser?> AccountForAsync(GroupMember member)
    {
        var user = member.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        user ??= await users.FindByEmailAsync(member.Email);
        if (user is null)
        {
            user = new AppUser
            {
                Id = Guid.NewGuid(),
                UserName = member.Email,
                Email = member.Email,
                DisplayName = member.Name,
                Language = member.PreferredLanguage,
                CreatedAt = time.GetUtcNow(),
                EmailConfirmed = true,
            };
            if (!(await users.CreateAsync(user)).Succeeded)
            {
                return null;
            }
        }

        if (!await users.IsInRoleAsync(user, PortalRoles.GroupMember))
        {
            await users.AddToRoleAsync(user, PortalRoles.GroupMember);
        }

        if (member.UserId != user.Id)
        {
            await db.GroupMembers.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.UserId, user.Id));
        }

        return user;
    }
}
