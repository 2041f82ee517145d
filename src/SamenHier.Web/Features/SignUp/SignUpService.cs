using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

/// <summary>The rules of a group sign-up: submitting, confirming, resending, replacing and expiring.</summary>
public sealed class SignUpService(
    AppDbContext db,
    EmailOutbox outbox,
    PublicLinks links,
    TimeProvider time,
    IOptions<SignUpOptions> options,
    IOptions<Infrastructure.Security.RateLimitOptions> rateLimits,
    Privacy.PrivacyStatement statement,
    IStringLocalizer<SharedResource> t)
{
    public SignUpOptions Settings => options.Value;

    /// <summary>The e-mail addresses (normalised) among <paramref name="emails"/> that are in an active group already.</summary>
    public async Task<HashSet<string>> EmailsInActiveGroupsAsync(IEnumerable<string> emails, CancellationToken ct)
    {
        var normalized = emails.Select(MemberRules.NormalizeEmail).Distinct().ToList();
        var taken = await db.GroupMembers
            .Where(m => m.ActiveEmail != null && normalized.Contains(m.ActiveEmail))
            .Select(m => m.ActiveEmail!)
            .ToListAsync(ct);
        return [.. taken];
    }

    /// <summary>Creates the group, its members and one e-mail per member in a single transaction.</summary>
    public async Task<Group> CreateGroupAsync(City city, GroupType type, SignUpForm form, IReadOnlyList<CheckedMember> members, string language, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        // The words the person signing up agreed to, recorded before anything else is added.
        var consentText = await Privacy.ConsentTexts.IdAsync(db, Privacy.ConsentTexts.SignUp, settings.PrivacyStatementVersion, language,
            statement.WithStatement(t["SignUp_Consent_Agree", settings.PrivacyStatementVersion].Value, t), now, ct);
        var (statusToken, statusHash) = SecretToken.Create();
        if (db.Entry(city).State == EntityState.Detached)
        {
            db.Cities.Attach(city);
        }

        var group = new Group
        {
            Id = Guid.NewGuid(),
            CityId = city.Id,
            City = city,
            Type = type,
            Name = TextRules.Clean(form.GroupName),
            Motivation = TextRules.Clean(form.Motivation),
            Status = GroupStatus.AwaitingConfirmation,
            CreatedAt = now,
            ExpiresAt = now.AddDays(settings.ExpiryDays),
            SubmissionKey = form.SubmissionKey,
            StatusTokenHash = statusHash,
        };

        for (var i = 0; i < members.Count; i++)
        {
            var member = NewMember(members[i], i + 1, isContactPerson: i == 0);
            if (i == 0)
            {
                // The person signing up agreed to the privacy statement on the consent step.
                member.ConsentVersion = settings.PrivacyStatementVersion;
                member.ConsentAt = now;
                member.ConsentTextId = consentText;
            }

            group.Members.Add(member);
        }

        db.Groups.Add(group);
        foreach (var member in group.Members)
        {
            QueueInvitation(group, member, member.IsContactPerson ? statusToken : null);
        }

        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return group;
    }

    private GroupMember NewMember(CheckedMember m, int position, bool isContactPerson) => new()
    {
        Id = Guid.NewGuid(),
        Position = position,
        IsContactPerson = isContactPerson,
        Name = m.Name,
        Email = m.Email,
        ActiveEmail = MemberRules.NormalizeEmail(m.Email),
        Phone = m.Phone,
        Postcode = m.Postcode,
        Municipality = m.Municipality,
        DateOfBirth = m.DateOfBirth,
        PreferredLanguage = m.PreferredLanguage,
        Languages = [.. m.Languages.Select(l => new MemberLanguage { Language = l.Code, Level = l.Level })],
        Occupation = m.Occupation,
        NetworkSectors = string.Join(',', m.Sectors),
        Interests = m.Interests,
        Availability = string.Join(',', m.Availability),
    };

    /// <summary>Gives the member a fresh confirmation link and queues the e-mail with it.</summary>
    private void QueueInvitation(Group group, GroupMember member, string? statusToken, bool resend = false)
    {
        var (token, hash) = SecretToken.Create();
        member.ConfirmTokenHash = hash;
        member.ConfirmTokenExpiresAt = time.GetUtcNow().AddDays(options.Value.ConfirmLinkDays);
        var confirmLink = links.Absolute($"/aanmelden/bevestigen?code={token}");
        var statusLink = statusToken is null ? null : links.Absolute($"/aanmelden/status?code={statusToken}");
        var contact = group.Members.FirstOrDefault(m => m.IsContactPerson)?.Name ?? member.Name;
        var expires = member.ConfirmTokenExpiresAt.Value.ToNetherlands();

        outbox.Add(member.Email, member.Name, member.PreferredLanguage, Reference(group), () =>
        {
            var groupLabel = GroupLabel(group);
            var subject = t["Email_Invite_Subject", groupLabel].Value;
            var until = expires.ToString("d MMMM yyyy HH:mm");
            var body = resend ? t["Email_Resend_Body", member.Name, groupLabel, confirmLink, until].Value
                : member.IsContactPerson ? t["Email_Invite_BodyContact", member.Name, groupLabel, confirmLink, until, statusLink ?? ""].Value
                : t["Email_Invite_Body", member.Name, contact, groupLabel, confirmLink, until].Value;
            return (subject, body + "\n\n" + t["Email_Signature"].Value);
        });
    }

    private string GroupLabel(Group group) => Label(group, t);

    /// <summary>How a group is named to its members: "name (type, city)", or "type, city" without a name.</summary>
    public static string Label(Group group, IStringLocalizer<SharedResource> t)
    {
        var type = t[$"GroupType_{group.Type}"].Value;
        var city = group.City?.Name ?? "";
        return group.Name is { Length: > 0 } name ? $"{name} ({type}, {city})" : $"{type}, {city}";
    }

    public static string Reference(Group group) => $"group:{group.Id:N}";

    /// <summary>The member whose unused, unexpired confirmation link this is, with their group.</summary>
    public async Task<(GroupMember? Member, bool Expired)> FindByConfirmTokenAsync(string? token, CancellationToken ct)
    {
        if (!SecretToken.LooksValid(token))
        {
            return (null, false);
        }

        var hash = SecretToken.Hash(token!);
        var member = await db.GroupMembers
            .Include(m => m.Group!).ThenInclude(g => g.City)
            .Include(m => m.Group!).ThenInclude(g => g.Members)
            .Include(m => m.Languages)
            .SingleOrDefaultAsync(m => m.ConfirmTokenHash == hash && m.Group!.Status == GroupStatus.AwaitingConfirmation, ct);
        if (member is null)
        {
            return (null, false);
        }

        return member.ConfirmTokenExpiresAt < time.GetUtcNow() ? (null, true) : (member, false);
    }

    /// <summary>
    /// Records the member's confirmation and consent, and completes the group when everyone has
    /// confirmed. Safe when two members confirm at the same moment, and when one link is posted twice:
    /// the group row is locked first, and the link is used up by a conditional update.
    /// Returns false when the link was used meanwhile.
    /// </summary>
    public async Task<bool> ConfirmAsync(GroupMember member, CheckedMember details, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var group = member.Group!;
        var hash = member.ConfirmTokenHash;
        var consentText = await Privacy.ConsentTexts.IdAsync(db, Privacy.ConsentTexts.SignUp, options.Value.PrivacyStatementVersion, Privacy.ConsentTexts.CurrentLanguage,
            statement.WithStatement(t["SignUp_Consent_AgreeSelf", options.Value.PrivacyStatementVersion].Value, t), now, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Lock the group (PostgreSQL: row lock until commit; SQLite: writers are serialised anyway), so
        // the last two members confirming at once cannot both miss each other.
        await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, g => g.Status), ct);

        var used = await db.GroupMembers
            .Where(m => m.Id == member.Id && m.ConfirmTokenHash == hash && m.ConfirmTokenHash != null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ConfirmTokenHash, (string?)null)
                .SetProperty(m => m.ConfirmTokenExpiresAt, (DateTimeOffset?)null)
                .SetProperty(m => m.ConfirmedAt, now)
                .SetProperty(m => m.ConsentVersion, options.Value.PrivacyStatementVersion)
                .SetProperty(m => m.ConsentAt, now)
                .SetProperty(m => m.ConsentTextId, consentText), ct);
        if (used != 1)
        {
            return false;
        }

        await db.MemberLanguages.Where(l => l.MemberId == member.Id).ExecuteDeleteAsync(ct);
        await db.GroupMembers.Where(m => m.Id == member.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Name, details.Name)
            .SetProperty(m => m.Phone, details.Phone)
            .SetProperty(m => m.Postcode, details.Postcode)
            .SetProperty(m => m.Municipality, details.Municipality)
            .SetProperty(m => m.DateOfBirth, details.DateOfBirth)
            .SetProperty(m => m.PreferredLanguage, details.PreferredLanguage)
            .SetProperty(m => m.Occupation, details.Occupation)
            .SetProperty(m => m.NetworkSectors, string.Join(',', details.Sectors))
            .SetProperty(m => m.Interests, details.Interests)
            .SetProperty(m => m.Availability, string.Join(',', details.Availability)), ct);
        db.ChangeTracker.Clear();
        db.MemberLanguages.AddRange(details.Languages.Select(l => new MemberLanguage { MemberId = member.Id, Language = l.Code, Level = l.Level }));

        var completed = await db.Groups
            .Where(g => g.Id == group.Id && g.Status == GroupStatus.AwaitingConfirmation && !g.Members.Any(m => m.ConfirmedAt == null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GroupStatus.Complete)
                .SetProperty(g => g.CompletedAt, now), ct);
        if (completed == 1)
        {
            var members = await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == group.Id).ToListAsync(ct);
            foreach (var m in members)
            {
                outbox.Add(m.Email, m.Name, m.PreferredLanguage, Reference(group), () =>
                    (t["Email_Complete_Subject", GroupLabel(group)].Value,
                     t["Email_Complete_Body", m.Name, GroupLabel(group), links.Absolute("/inloggen")].Value + "\n\n" + t["Email_Signature"].Value));
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return true;
    }

    /// <summary>
    /// The group behind a status-page link: while it waits for confirmations, and for
    /// <see cref="StatusPageDaysAfterComplete"/> days after it is complete.
    /// </summary>
    public async Task<Group?> FindByStatusTokenAsync(string? token, CancellationToken ct)
    {
        if (!SecretToken.LooksValid(token))
        {
            return null;
        }

        var hash = SecretToken.Hash(token!);
        var completeSince = time.GetUtcNow().AddDays(-StatusPageDaysAfterComplete);
        return await db.Groups
            .Include(g => g.City)
            .Include(g => g.Members.OrderBy(m => m.Position))
            .SingleOrDefaultAsync(g => g.StatusTokenHash == hash
                && (g.Status == GroupStatus.AwaitingConfirmation
                    || (g.CompletedAt != null && g.CompletedAt > completeSince && g.Status != GroupStatus.Expired && g.Status != GroupStatus.Withdrawn)), ct);
    }

    public const int StatusPageDaysAfterComplete = 30;

    public Task<bool> IsConfirmedAsync(Guid memberId, CancellationToken ct) =>
        db.GroupMembers.AnyAsync(m => m.Id == memberId && m.ConfirmedAt != null, ct);

    /// <summary>Sends a member who has not confirmed yet a new link; the old one stops working.</summary>
    public async Task<bool> ResendAsync(Group group, Guid memberId, CancellationToken ct)
    {
        var member = group.Members.SingleOrDefault(m => m.Id == memberId);
        if (member is null || member.ConfirmedAt is not null || group.Status != GroupStatus.AwaitingConfirmation)
        {
            return false;
        }

        QueueInvitation(group, member, statusToken: null, resend: true);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return true;
    }

    /// <summary>
    /// Replaces a member who has not confirmed with someone else, who gets their own link. One
    /// transaction: the old member, their unsent invitation and the new member change together.
    /// </summary>
    public async Task<bool> ReplaceAsync(Group group, Guid memberId, CheckedMember replacement, CancellationToken ct)
    {
        var old = group.Members.SingleOrDefault(m => m.Id == memberId);
        if (old is null || old.ConfirmedAt is not null || old.IsContactPerson || group.Status != GroupStatus.AwaitingConfirmation)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reference = Reference(group);
        await db.OutboxMessages
            .Where(o => o.Reference == reference && o.ToAddress == old.Email && o.SentAt == null)
            .ExecuteDeleteAsync(ct);
        var member = NewMember(replacement, old.Position, isContactPerson: false);
        group.Members.Remove(old);
        db.GroupMembers.Remove(old);
        group.Members.Add(member);
        db.GroupMembers.Add(member);
        QueueInvitation(group, member, statusToken: null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return true;
    }

    /// <summary>
    /// Expires sign-ups that were not complete in time: members and everything personal about the
    /// group are deleted, as are e-mails about it; an anonymous row remains for the counts.
    /// Also removes stale drafts, old e-mail envelopes and the rate limiter's past counts. Returns the number of groups expired.
    /// </summary>
    public async Task<int> ExpireAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expired = await db.Groups
            .Where(g => g.Status == GroupStatus.AwaitingConfirmation && g.ExpiresAt < now)
            .Select(g => g.Id)
            .ToListAsync(ct);
        foreach (var id in expired)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var reference = $"group:{id:N}";
            await db.OutboxMessages.Where(o => o.Reference == reference).ExecuteDeleteAsync(ct);
            await db.MemberLanguages.Where(l => db.GroupMembers.Any(m => m.Id == l.MemberId && m.GroupId == id)).ExecuteDeleteAsync(ct);
            var accounts = await db.GroupMembers.Where(m => m.GroupId == id && m.UserId != null).Select(m => m.UserId!.Value).ToListAsync(ct);
            await db.GroupMembers.Where(m => m.GroupId == id).ExecuteDeleteAsync(ct);
            await Portal.PortalAccounts.DeleteOrphansAsync(db, accounts, ct);
            await db.Groups.Where(g => g.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GroupStatus.Expired)
                .SetProperty(g => g.Name, (string?)null)
                .SetProperty(g => g.Motivation, (string?)null)
                .SetProperty(g => g.StatusTokenHash, (string?)null), ct);
            await transaction.CommitAsync(ct);
        }

        var staleDrafts = now.AddHours(-options.Value.DraftLifetimeHours);
        await db.SignUpDrafts.Where(d => d.UpdatedAt < staleDrafts).ExecuteDeleteAsync(ct);

        // Delivered e-mails keep their envelope (recipient, subject, time) only for a while.
        var oldMail = now.AddDays(-OutboxSender.SentRetentionDays);
        await db.OutboxMessages.Where(o => o.SentAt != null && o.SentAt < oldMail).ExecuteDeleteAsync(ct);

        // The rate limiter's counts of windows that have ended (hashed addresses: not kept longer than needed).
        await Infrastructure.Security.SubmissionRateLimiter.ForgetPastWindowsAsync(db, rateLimits.Value, now, ct);
        return expired.Count;
    }
}

/// <summary>Runs <see cref="SignUpService.ExpireAsync"/> every hour, on one instance.</summary>
public sealed class SignUpExpiryService(IServiceScopeFactory scopes, TimeProvider time, IOptions<SignUpOptions> options, ILogger<SignUpExpiryService> logger)
    : Infrastructure.Jobs.ScheduledJob(scopes, time, logger)
{
    protected override string Name => "sign-up-expiry";

    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override bool Enabled => options.Value.ExpiryJobEnabled;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var count = await services.GetRequiredService<SignUpService>().ExpireAsync(ct);
        if (count > 0)
        {
            logger.LogInformation("Expired {Count} incomplete sign-ups and deleted their personal data.", count);
        }
    }
}
