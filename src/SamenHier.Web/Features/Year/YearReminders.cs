using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Notifications;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Year;

/// <summary>Settings of the year together (configuration section "Year").</summary>
public sealed class YearOptions
{
    public const string Section = "Year";

    /// <summary>A task's owners are reminded this many days before its date.</summary>
    public int TaskDaysAhead { get; set; } = 2;

    /// <summary>The community builder is reminded this many days before a check-in's date.</summary>
    public int CheckInDaysAhead { get; set; } = 3;
}

/// <summary>
/// E-mails the reminders of the year, each once: a member about their tasks due soon, a community
/// builder about check-ins due soon. "Once" holds across retries and across several app instances on
/// one database: each reminder has a unique key in <see cref="SentReminder"/>, written in the same
/// transaction as the e-mail it causes, so of two instances only one can commit it.
/// </summary>
public sealed class YearReminders(AppDbContext db, Notifier notifier, PublicLinks links, TimeProvider time, IOptions<YearOptions> options, IStringLocalizer<SharedResource> t)
{
    /// <summary>Sends what is due now; returns how many e-mails were queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var today = time.TodayInNetherlands();
        var settings = options.Value;
        var sent = 0;

        // Tasks: open ones with owners, in groups with an arrival date, due within the next days.
        var planning = new[] { GroupStatus.Complete, GroupStatus.ReadyToMatch, GroupStatus.Matched, GroupStatus.YearTogether };
        var groups = await db.Groups.AsNoTracking()
            .Where(g => planning.Contains(g.Status) && g.ArrivalOn != null)
            .Include(g => g.Members.Where(m => m.ActiveEmail != null))
            .AsSplitQuery()
            .ToListAsync(ct);
        var groupIds = groups.Select(g => g.Id).ToList();
        var tasks = await db.PlanTasks.AsNoTracking()
            .Where(x => groupIds.Contains(x.GroupId) && x.OffsetDays != null && (x.Status == PlanTaskStatus.Open || x.Status == PlanTaskStatus.Doing))
            .Include(x => x.Owners)
            .ToListAsync(ct);
        var byGroup = groups.ToDictionary(g => g.Id);
        var due = tasks
            .Select(x => (Task: x, Group: byGroup[x.GroupId], Due: Plans.DueOn(x, byGroup[x.GroupId])!.Value))
            .Where(x => x.Due >= today && x.Due <= today.AddDays(settings.TaskDaysAhead))
            .ToList();
        foreach (var member in groups.SelectMany(g => g.Members))
        {
            var candidates = due.Where(x => x.Task.Owners.Any(o => o.MemberId == member.Id))
                .Select(x => (x.Task, x.Due, Key: $"task:{x.Task.Id:N}:{x.Due:yyyyMMdd}:{member.Id:N}"))
                .ToList();
            var done = await SentAsync([.. candidates.Select(c => c.Key)], ct);
            // A task whose date moved is reminded again for its new date; one already reminded is not.
            var mine = candidates.Where(c => !done.Contains(c.Key)).OrderBy(c => c.Due).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var keys = mine.Select(x => x.Key).ToList();

            var lines = mine.Select(x => (x.Task.Title, x.Due)).ToList();
            await notifier.AddAsync(new Recipient(member.UserId, member.Email, member.Name, member.PreferredLanguage), NotificationCategory.Reminder, $"group:{member.GroupId:N}", "/mijn-groep/plan?toon=mijn", () =>
                (t["Email_TasksDue_Subject"].Value,
                 t["Email_TasksDue_Body", member.Name, string.Join("\n", lines.Select(l => $"- {l.Title} ({l.Due:d MMMM})")), links.Absolute("/mijn-groep/plan?toon=mijn")].Value
                    + "\n\n" + t["Email_Signature"].Value), ct);
            sent += await CommitAsync(keys, ct);
        }

        // Check-ins: each not yet held, due within the next days, to the group's community builder.
        var year = await db.Groups.AsNoTracking()
            .Where(g => g.Status == GroupStatus.YearTogether && g.YearStartedOn != null && g.CommunityBuilderId != null)
            .Select(g => new { g.Id, g.Name, g.YearStartedOn, g.CommunityBuilderId })
            .ToListAsync(ct);
        var yearIds = year.Select(g => g.Id).ToList();
        var held = (await db.CheckIns.AsNoTracking().Where(c => yearIds.Contains(c.GroupId)).Select(c => new { c.GroupId, c.With, c.Milestone }).ToListAsync(ct))
            .Select(c => (c.GroupId, c.With, c.Milestone)).ToHashSet();
        var builderIds = year.Select(g => g.CommunityBuilderId!.Value).Distinct().ToList();
        var builders = await db.Users.AsNoTracking().Where(u => builderIds.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => new { u.Email, u.DisplayName, u.Language }, ct);
        foreach (var group in year)
        {
            if (!builders.TryGetValue(group.CommunityBuilderId!.Value, out var builder))
            {
                continue;
            }

            foreach (var milestone in Enum.GetValues<Milestone>())
            {
                var on = CheckInSchedule.DueOn(group.YearStartedOn!.Value, milestone);
                if (on < today || on > today.AddDays(settings.CheckInDaysAhead))
                {
                    continue;
                }

                string Key(CheckInWith w) => $"checkin:{group.Id:N}:{w}:{milestone}";
                var candidates = Enum.GetValues<CheckInWith>().Where(w => !held.Contains((group.Id, w, milestone))).ToList();
                var done = await SentAsync([.. candidates.Select(Key)], ct);
                var open = candidates.Where(w => !done.Contains(Key(w))).ToList();
                if (open.Count == 0)
                {
                    continue;
                }

                var keys = open.Select(Key).ToList();

                var name = group.Name ?? t["Groups_Unnamed"].Value;
                await notifier.AddAsync(new Recipient(group.CommunityBuilderId, builder.Email!, builder.DisplayName, builder.Language), NotificationCategory.Reminder, $"group:{group.Id:N}", $"/beheer/groepen/{group.Id}/jaar#check-ins", () =>
                    (t["Email_CheckInDue_Subject", name].Value,
                     t["Email_CheckInDue_Body", builder.DisplayName, name, t[$"Milestone_{milestone}"].Value, on.ToString("d MMMM"),
                       string.Join(", ", open.Select(w => t[$"CheckInWith_{w}"].Value)), links.Absolute($"/beheer/groepen/{group.Id}/jaar#check-ins")].Value
                        + "\n\n" + t["Email_SignatureStaff"].Value), ct);
                sent += await CommitAsync(keys, ct);
            }
        }

        if (sent > 0)
        {
            notifier.Wake();
        }

        return sent;
    }

    private Task<HashSet<string>> SentAsync(List<string> keys, CancellationToken ct) => ReminderLedger.SentAsync(db, keys, ct);

    private Task<int> CommitAsync(List<string> keys, CancellationToken ct) => ReminderLedger.CommitAsync(db, time, keys, ct);
}
