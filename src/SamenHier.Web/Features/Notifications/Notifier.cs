using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Localization;

namespace SamenHier.Web.Features.Notifications;

/// <summary>
/// Who hears: the account whose notification list it goes to (null for someone who never signed in:
/// e-mail only), and where and in which language the e-mail goes.
/// </summary>
public sealed record Recipient(Guid? UserId, string Email, string Name, string Language);

/// <summary>
/// Tells a person something: a line in their notification list and — unless it is not essential
/// and they switched that kind off — an e-mail through the outbox, both in their language and both
/// part of the caller's unit of work (committed with the change that causes them, or not at all).
/// </summary>
public sealed class Notifier(AppDbContext db, EmailOutbox outbox, TimeProvider time)
{
    private readonly Dictionary<Guid, NotificationSettings?> _settings = [];

    /// <summary>Adds the notification; <paramref name="reference"/> files an e-mail to someone without an account; <paramref name="compose"/> runs in the recipient's language and gives the subject (the list's text) and body.</summary>
    public async Task AddAsync(Recipient to, NotificationCategory category, string reference, string link, Func<(string Subject, string Body)> compose, CancellationToken ct)
    {
        var language = LocalizationSetup.Normalize(to.Language);
        var (subject, body) = LocalizationSetup.In(language, compose);
        var email = category == NotificationCategory.Essential || to.UserId is not { } id || await WantsAsync(id, category, ct);
        if (to.UserId is { } userId)
        {
            db.Notifications.Add(new Notification
            {
                UserId = userId,
                Category = category,
                Text = subject.Length > 300 ? subject[..300] : subject,
                Link = link,
                CreatedAt = time.GetUtcNow(),
                Emailed = email,
            });
        }

        if (email)
        {
            // Filed under the account when there is one, so erasing the account erases what was on its way to it.
            outbox.Add(to.Email, to.Name, language, to.UserId is { } owner ? $"user:{owner:N}" : reference, () => (subject, body));
        }
    }

    /// <summary>Call after SaveChanges so the e-mails go at once.</summary>
    public void Wake() => outbox.Wake();

    private async Task<bool> WantsAsync(Guid userId, NotificationCategory category, CancellationToken ct)
    {
        if (!_settings.TryGetValue(userId, out var settings))
        {
            settings = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, ct);
            _settings[userId] = settings;
        }

        return settings is null || (category == NotificationCategory.Reminder ? settings.EmailReminders : settings.EmailConfirmations);
    }
}
