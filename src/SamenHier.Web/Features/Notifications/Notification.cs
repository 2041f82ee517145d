using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Notifications;

/// <summary>What a notification is: changes to what someone must do are essential; the rest can be switched off as e-mail.</summary>
public enum NotificationCategory
{
    /// <summary>A change, a cancellation, a promotion from the waiting list: always e-mailed.</summary>
    Essential,

    /// <summary>"You are registered", "you are on the waiting list": e-mailed unless switched off.</summary>
    Confirmation,

    /// <summary>"Coming up in two days": e-mailed unless switched off.</summary>
    Reminder,
}

/// <summary>One line in a person's notification list (their portal), in the language they read.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public NotificationCategory Category { get; set; }

    /// <summary>The notification as the person reads it (the e-mail's subject), in their language.</summary>
    public required string Text { get; set; }

    /// <summary>Where it leads in the site (a path, never personal data).</summary>
    public required string Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether an e-mail went with it (not when the person switched that kind off).</summary>
    public bool Emailed { get; set; }

    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A person's choices about e-mail that is not essential. Without a row, everything is sent.</summary>
public sealed class NotificationSettings
{
    public Guid UserId { get; set; }

    public bool EmailConfirmations { get; set; } = true;

    public bool EmailReminders { get; set; } = true;
}

public static class NotificationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Notification>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(300);
            e.Property(x => x.Link).HasMaxLength(Limits.Link);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.UserId, x.CreatedAt });
        });

        builder.Entity<NotificationSettings>(e =>
        {
            e.HasKey(x => x.UserId);
            e.HasOne<AppUser>().WithOne().HasForeignKey<NotificationSettings>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
