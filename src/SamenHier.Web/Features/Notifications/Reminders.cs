using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Features.Year;

namespace SamenHier.Web.Features.Notifications;

/// <summary>Settings of the reminders job (configuration section "Reminders").</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Take part in the job in this instance (of several, one runs each turn; each reminder goes once in any case).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job looks for what is due.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Sessions and events are reminded this many hours before they begin.</summary>
    public int HoursAhead { get; set; } = 48;
}

/// <summary>
/// Remembers which reminders went: each has a unique key, written in the same transaction as the
/// e-mail it causes, so of two instances (or a retry) only one can commit it.
/// </summary>
public static class ReminderLedger
{
    /// <summary>The keys among these that were sent already.</summary>
    public static async Task<HashSet<string>> SentAsync(AppDbContext db, IReadOnlyCollection<string> keys, CancellationToken ct) =>
        keys.Count == 0 ? [] : [.. await db.SentReminders.Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(ct)];

    /// <summary>Records the keys with what the context holds (the e-mails) in one SaveChanges; another instance that got there first wins, and this one sends nothing.</summary>
    public static async Task<int> CommitAsync(AppDbContext db, TimeProvider time, IEnumerable<string> keys, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        db.SentReminders.AddRange(keys.Select(k => new SentReminder { Key = k, SentAt = now }));
        try
        {
            await db.SaveChangesAsync(ct);
            return 1;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0;
        }
    }
}

/// <summary>Runs every reminder job on an interval, on one instance: the year's tasks and check-ins, sessions and events coming up, the questionnaires due.</summary>
public sealed class RemindersService(IServiceScopeFactory scopes, TimeProvider time, IOptions<ReminderOptions> options, ILogger<RemindersService> logger)
    : Infrastructure.Jobs.ScheduledJob(scopes, time, logger)
{
    protected override string Name => "reminders";

    protected override TimeSpan Period => TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes));

    protected override bool Enabled => options.Value.Enabled;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var year = await services.GetRequiredService<YearReminders>().SendDueAsync(ct);
        var calendar = await services.GetRequiredService<CalendarReminders>().SendDueAsync(ct);
        var surveyService = services.GetRequiredService<Impact.SurveyService>();
        var surveys = await surveyService.SendDueAsync(ct) + await surveyService.RemindUnansweredAsync(ct);
        if (year + calendar + surveys > 0)
        {
            logger.LogInformation("Queued {Year} reminders of the year together, {Calendar} of sessions and events, {Surveys} questionnaires and their reminders.", year, calendar, surveys);
        }
    }
}
