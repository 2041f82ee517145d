using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Notifications;

/// <summary>
/// A person's notifications (newest first), what they want e-mailed of what is not essential, and
/// their calendar address, which they can renew.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NotificationsModel(AppDbContext db, CurrentStaff me, CalendarFeeds feeds, Impact.SurveyService surveys, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<Impact.SurveyResponse> OpenSurveys { get; private set; } = [];

    public const int Shown = 50;

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public string? FeedAddress { get; private set; }

    public bool HasFeed { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty]
    public List<string> Email { get; set; } = [];

    public IReadOnlyList<Choice> EmailChoices =>
    [
        new("confirmations", t["Notifications_EmailConfirmations"]),
        new("reminders", t["Notifications_EmailReminders"]),
    ];

    public string Home => User.IsInRole(PortalRoles.Newcomer) ? "/nieuwkomer" : User.IsInRole(PortalRoles.GroupMember) ? "/mijn-groep" : "/beheer";

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding switch
        {
            "opgeslagen" => "Notifications_Saved",
            "gelezen" => "Notifications_ReadNotice",
            "vernieuwd" => "Notifications_Renewed",
            _ => null,
        };
        var settings = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == me.Id, ct) ?? new NotificationSettings();
        Email = [.. new[] { settings.EmailConfirmations ? "confirmations" : null, settings.EmailReminders ? "reminders" : null }.OfType<string>()];
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (Email.Any(e => !EmailChoices.Any(c => c.Value == e)))
        {
            this.AddError(nameof(Email), t["Error_Choice_Unknown"]);
            await LoadAsync(ct);
            return Page();
        }

        var settings = await db.NotificationSettings.SingleOrDefaultAsync(s => s.UserId == me.Id, ct);
        if (settings is null)
        {
            settings = new NotificationSettings { UserId = me.Id };
            db.NotificationSettings.Add(settings);
        }

        settings.EmailConfirmations = Email.Contains("confirmations");
        settings.EmailReminders = Email.Contains("reminders");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<NotificationSettings>().Any(e => e.State == EntityState.Added))
        {
            // Saved twice at the same moment (two tabs, a double click): the other one made the row; change that.
            db.ChangeTracker.Clear();
            return await OnPostSettingsAsync(ct);
        }

        return Redirect("/meldingen?melding=opgeslagen");
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        var userId = me.Id;
        var now = time.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return Redirect("/meldingen?melding=gelezen");
    }

    /// <summary>Makes a (new) secret calendar address; the old one stops working.</summary>
    public async Task<IActionResult> OnPostRenewAsync(CancellationToken ct)
    {
        await feeds.RenewAsync(me.Id, ct);
        return Redirect("/meldingen?melding=vernieuwd#agenda");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = me.Id;
        Items = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Shown).ToListAsync(ct);
        OpenSurveys = await surveys.OpenForAsync(userId, ct);
        HasFeed = await db.CalendarFeeds.AnyAsync(f => f.UserId == userId, ct);
        FeedAddress = HasFeed ? await feeds.AddressAsync(userId, ct) : null;
    }
}
