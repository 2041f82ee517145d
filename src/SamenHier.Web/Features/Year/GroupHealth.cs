using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Year;

/// <summary>
/// How a group is doing, from what it records: how tasks and hours spread over the members, and
/// whether it has gone quiet. The thresholds are in docs/year-together.md.
/// </summary>
public static class GroupHealth
{
    /// <summary>A group with no recorded activity for this long has gone quiet.</summary>
    public const int QuietAfterDays = 21;

    /// <summary>A task this many days past its date raises a signal.</summary>
    public const int OverdueAfterDays = 7;

    /// <summary>One member with at least this share of the load carries most of it…</summary>
    public const double HeavyShare = 0.5;

    /// <summary>…once the group has recorded this much load (tasks owned plus hours) in all.</summary>
    public const double MinimumLoad = 8;

    public sealed record MemberLoad(Guid MemberId, string Name, int OpenTasks, int DoneTasks, double Hours)
    {
        public double Load => OpenTasks + DoneTasks + Hours;
    }

    public enum SignalKind
    {
        /// <summary>One member carries most of the load.</summary>
        Overloaded,

        /// <summary>Nothing recorded for <see cref="QuietAfterDays"/> days.</summary>
        Quiet,

        /// <summary>Tasks more than <see cref="OverdueAfterDays"/> days past their date.</summary>
        Overdue,
    }

    /// <summary>A computed signal: <c>Detail</c> is a member's name or a number, never more.</summary>
    public sealed record Signal(Guid GroupId, SignalKind Kind, string Detail);

    public sealed record Report(IReadOnlyList<MemberLoad> Members, IReadOnlyList<Signal> Signals, DateOnly? LastActivity);

    /// <summary>Computes the report of each group (the caller scopes the groups).</summary>
    public static async Task<Dictionary<Guid, Report>> ForGroupsAsync(AppDbContext db, IReadOnlyCollection<Group> groups, DateOnly today, CancellationToken ct)
    {
        var ids = groups.Select(g => g.Id).ToList();
        var tasks = await db.PlanTasks.AsNoTracking().Where(x => ids.Contains(x.GroupId)).Include(x => x.Owners).ToListAsync(ct);
        var diary = await db.DiaryEntries.AsNoTracking().Where(x => ids.Contains(x.GroupId)).Include(x => x.Participants).ToListAsync(ct);
        var checkIns = await db.CheckIns.AsNoTracking().Where(x => ids.Contains(x.GroupId))
            .GroupBy(x => x.GroupId).Select(x => new { GroupId = x.Key, Last = x.Max(c => c.HeldOn) }).ToListAsync(ct);
        var tasksOf = tasks.ToLookup(x => x.GroupId);
        var diaryOf = diary.ToLookup(x => x.GroupId);
        var lastCheckIn = checkIns.ToDictionary(x => x.GroupId, x => x.Last);
        return groups.ToDictionary(g => g.Id, g => Compute(g, [.. tasksOf[g.Id]], [.. diaryOf[g.Id]], lastCheckIn.TryGetValue(g.Id, out var c) ? c : null, today));
    }

    public static Report Compute(Group group, IReadOnlyList<PlanTask> tasks, IReadOnlyList<DiaryEntry> diary, DateOnly? lastCheckIn, DateOnly today)
    {
        var members = group.Members.Where(m => m.Present).OrderBy(m => m.Position).Select(m => new MemberLoad(
            m.Id,
            m.Name,
            tasks.Count(x => x.Status is PlanTaskStatus.Open or PlanTaskStatus.Doing && x.Owners.Any(o => o.MemberId == m.Id)),
            tasks.Count(x => x.Status == PlanTaskStatus.Done && x.Owners.Any(o => o.MemberId == m.Id)),
            diary.Where(e => e.Participants.Any(p => p.MemberId == m.Id)).Sum(e => e.Minutes) / 60.0)).ToList();

        var signals = new List<Signal>();
        var total = members.Sum(m => m.Load);
        if (members.Count >= 3 && total >= MinimumLoad && members.MaxBy(m => m.Load) is { } heaviest && heaviest.Load >= HeavyShare * total)
        {
            signals.Add(new Signal(group.Id, SignalKind.Overloaded, heaviest.Name));
        }

        DateOnly? last = new[]
        {
            tasks.Count == 0 ? (DateOnly?)null : DateOnly.FromDateTime(tasks.Max(x => x.UpdatedAt).ToNetherlands().DateTime),
            diary.Count == 0 ? null : diary.Max(e => e.On),
            lastCheckIn,
        }.Max();
        if (group.Status == GroupStatus.YearTogether && group.YearStartedOn is { } started)
        {
            var since = last is { } l && l > started ? l : started;
            if (today.DayNumber - since.DayNumber > QuietAfterDays)
            {
                signals.Add(new Signal(group.Id, SignalKind.Quiet, (today.DayNumber - since.DayNumber).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (Plans.CanPlan(group))
        {
            var overdue = tasks.Count(x => x.Status is PlanTaskStatus.Open or PlanTaskStatus.Doing
                && Plans.DueOn(x, group) is { } due && today.DayNumber - due.DayNumber > OverdueAfterDays);
            if (overdue > 0)
            {
                signals.Add(new Signal(group.Id, SignalKind.Overdue, overdue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return new Report(members, signals, last);
    }
}

/// <summary>When the community builder checks in, counted from the day the year began.</summary>
public static class CheckInSchedule
{
    public static DateOnly DueOn(DateOnly start, Milestone milestone) => milestone switch
    {
        Milestone.Week2 => start.AddDays(14),
        Milestone.Week6 => start.AddDays(42),
        Milestone.Month3 => start.AddMonths(3),
        Milestone.Month6 => start.AddMonths(6),
        Milestone.Month9 => start.AddMonths(9),
        _ => start.AddMonths(12),
    };

    /// <summary>A check-in can be recorded from a week before its date.</summary>
    public static bool IsOpen(DateOnly start, Milestone milestone, DateOnly today) => today >= DueOn(start, milestone).AddDays(-7);
}
