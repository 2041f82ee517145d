using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Accounts;

/// <summary>Creating staff accounts: by the create-admin command and by invitation. No self-registration.</summary>
public sealed class StaffAccounts(
    UserManager<AppUser> users,
    AppDbContext db,
    EmailOutbox outbox,
    PublicLinks links,
    TimeProvider time,
    IStringLocalizer<SharedResource> t)
{
    public enum Outcome
    {
        Created,
        EmailTaken,
        Invalid,
    }

    /// <summary>Creates a staff account without a password, with its role and cities.</summary>
    public async Task<(Outcome Outcome, AppUser? User)> CreateAsync(string email, string name, string role, IReadOnlyCollection<int> cityIds, string language)
    {
        if (!StaffRoles.All.Contains(role))
        {
            return (Outcome.Invalid, null);
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // A group member or newcomer who joins the staff keeps their account and gains the role.
            var roles = await users.GetRolesAsync(existing);
            if (roles.Any(StaffRoles.All.Contains))
            {
                return (Outcome.EmailTaken, null);
            }

            existing.DisplayName = name;
            existing.Language = language;
            await users.UpdateAsync(existing);
            await users.AddToRoleAsync(existing, role);
            await AddCitiesAsync(existing, cityIds);
            return (Outcome.Created, existing);
        }

        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            DisplayName = name,
            Language = language,
            CreatedAt = time.GetUtcNow(),
            EmailConfirmed = true,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
                ? Outcome.EmailTaken
                : Outcome.Invalid, null);
        }

        await users.AddToRoleAsync(user, role);
        await AddCitiesAsync(user, cityIds);
        return (Outcome.Created, user);
    }

    private async Task AddCitiesAsync(AppUser user, IReadOnlyCollection<int> cityIds)
    {
        var valid = await db.Cities.Where(c => cityIds.Contains(c.Id)).Select(c => c.Id).ToListAsync();
        db.StaffCities.AddRange(valid.Select(id => new StaffCity { UserId = user.Id, CityId = id }));
        await db.SaveChangesAsync();
    }

    /// <summary>The path of a one-time set-password link for <paramref name="user"/>.</summary>
    public async Task<string> SetPasswordPathAsync(AppUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"/beheer/wachtwoord?gebruiker={user.Id}&code={Uri.EscapeDataString(token)}";
    }

    /// <summary>Creates the account and e-mails the invitation, in one transaction.</summary>
    public async Task<Outcome> InviteAsync(string email, string name, string role, IReadOnlyCollection<int> cityIds, string language, string invitedBy)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (outcome, user) = await CreateAsync(email, name, role, cityIds, language);
        if (outcome != Outcome.Created)
        {
            return outcome;
        }

        var link = links.Absolute(await SetPasswordPathAsync(user!));
        outbox.Add(email, name, language, $"user:{user!.Id:N}", () =>
            (t["Email_StaffInvite_Subject"].Value,
             t["Email_StaffInvite_Body", name, invitedBy, t[$"Role_{role}"].Value, link, (int)AccountsSetup.SetPasswordLinkLifetime.TotalDays].Value
                + "\n\n" + t["Email_SignatureStaff"].Value));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        outbox.Wake();
        return Outcome.Created;
    }

    /// <summary>
    /// Takes a staff member's access away at once: the account is locked, every session it has ends at
    /// its next request (a new security stamp), its unused sign-in links and its calendar feed stop
    /// working, and it no longer receives the e-mails about signals and offers of help.
    /// </summary>
    public async Task DisableAsync(AppUser user, AppUser by)
    {
        await db.SignInLinks.Where(l => l.UserId == user.Id && l.UsedAt == null).ExecuteDeleteAsync();
        // The calendar feed's secret address stops working too (a new one can be made once access is back).
        await db.CalendarFeeds.Where(f => f.UserId == user.Id).ExecuteDeleteAsync();
        Backoffice.Audit.Record(db, time, by.Id, by.DisplayName, "staff", user.Id.ToString(), "AccessRemoved");
        await SaveAccessAsync(user, u =>
        {
            var now = time.GetUtcNow();
            u.DisabledAt = now;
            u.LockoutEnabled = true;
            u.LockoutEnd = now.AddYears(100);
        });
    }

    /// <summary>Gives a disabled account its access back (the person signs in again as before).</summary>
    public async Task EnableAsync(AppUser user, AppUser by)
    {
        Backoffice.Audit.Record(db, time, by.Id, by.DisplayName, "staff", user.Id.ToString(), "AccessRestored");
        await SaveAccessAsync(user, u =>
        {
            u.DisabledAt = null;
            u.LockoutEnd = null;
            u.AccessFailedCount = 0;
        });
    }

    /// <summary>
    /// Saves a change of access with a new security stamp (which ends the account's sessions). The
    /// person may be signing in at that moment (which writes the same row): then the change is made
    /// again on the fresh row, so it is never lost while the page reports it done.
    /// </summary>
    private async Task SaveAccessAsync(AppUser user, Action<AppUser> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            change(user);
            var result = await users.UpdateSecurityStampAsync(user);
            if (result.Succeeded)
            {
                return;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException("The change of access could not be saved: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }

            await db.Entry(user).ReloadAsync();
        }
    }
}
