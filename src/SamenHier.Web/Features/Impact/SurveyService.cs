using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Notifications;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Impact;

/// <summary>
/// The questionnaires of the year: sent at its start, after six and after twelve months to every
/// member and to the newcomer household, in their language; answered a question at a time, each
/// answer saved as it is given.
/// </summary>
public sealed class SurveyService(AppDbContext db, TimeProvider time, Notifier notifier, PublicLinks links, IStringLocalizer<SharedResource> t)
{
    /// <summary>A wave is sent from its date for this many days (a group that started late still gets it, an old one not).</summary>
    public const int SendWindowDays = 60;

    public static DateOnly DueOn(DateOnly yearStartedOn, Wave wave) => wave switch
    {
        Wave.Month6 => yearStartedOn.AddMonths(6),
        Wave.Month12 => yearStartedOn.AddMonths(12),
        _ => yearStartedOn,
    };

    /// <summary>The last day a wave can be answered: its window's end. After it the answers are final.</summary>
    public static DateOnly ClosesOn(DateOnly yearStartedOn, Wave wave) => DueOn(yearStartedOn, wave).AddDays(SendWindowDays);

    /// <summary>Creates and announces the questionnaires that are due; returns how many. Safe on several instances: one response per person, group and wave.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var today = time.TodayInNetherlands();
        // The newest version of each questionnaire; per audience the first by key (one each, as seeded).
        var questionnaires = (await db.Questionnaires.AsNoTracking().Select(q => new { q.Id, q.Key, q.Version, q.Audience }).ToListAsync(ct))
            .GroupBy(q => q.Key).Select(g => g.MaxBy(q => q.Version)!)
            .GroupBy(q => q.Audience)
            .ToDictionary(g => g.Key, g => g.OrderBy(q => q.Key, StringComparer.Ordinal).First().Id);
        // Groups whose last wave may still be due: started at most twelve months and the window ago.
        var earliest = today.AddMonths(-12).AddDays(-SendWindowDays);
        var groups = await db.Groups.AsNoTracking()
            .Where(g => (g.Status == GroupStatus.YearTogether || g.Status == GroupStatus.Completed) && g.YearStartedOn != null && g.YearStartedOn >= earliest)
            .Include(g => g.Members.Where(m => m.ConfirmedAt != null && m.LeftAt == null && m.ErasedAt == null))
            .AsSplitQuery()
            .ToListAsync(ct);
        var groupIds = groups.Select(g => g.Id).ToList();
        var existing = (await db.SurveyResponses.AsNoTracking().Where(r => groupIds.Contains(r.GroupId))
            .Select(r => new { r.GroupId, r.Wave, r.Respondent }).ToListAsync(ct))
            .Select(r => (r.GroupId, r.Wave, r.Respondent)).ToHashSet();
        var householdIds = groups.Where(g => g.NewcomerHouseholdId != null).Select(g => g.NewcomerHouseholdId!.Value).ToList();
        var households = await db.NewcomerHouseholds.AsNoTracking()
            .Where(h => householdIds.Contains(h.Id) && h.ContactEmail != null && h.Status != Newcomers.NewcomerStatus.Left)
            .ToDictionaryAsync(h => h.Id, ct);
        var sent = 0;
        foreach (var group in groups)
        {
            foreach (var wave in Enum.GetValues<Wave>())
            {
                var due = DueOn(group.YearStartedOn!.Value, wave);
                if (today < due || today > ClosesOn(group.YearStartedOn!.Value, wave))
                {
                    continue;
                }

                // Completing the year ends members' active address, not their part in its last questionnaire.
                foreach (var member in group.Members.Where(m => m.ActiveEmail != null || group.Status == GroupStatus.Completed))
                {
                    var respondent = $"member:{member.Id:N}";
                    if (!existing.Contains((group.Id, wave, respondent)) && questionnaires.TryGetValue(SurveyAudience.Member, out var q))
                    {
                        sent += await InviteAsync(group, wave, q, respondent, member.Id, null,
                            new Recipient(member.UserId, member.Email, member.Name, member.PreferredLanguage), ct);
                    }
                }

                if (group.NewcomerHouseholdId is { } householdId && households.TryGetValue(householdId, out var household)
                    && questionnaires.TryGetValue(SurveyAudience.Newcomer, out var nq))
                {
                    var respondent = $"household:{householdId:N}";
                    if (!existing.Contains((group.Id, wave, respondent)))
                    {
                        sent += await InviteAsync(group, wave, nq, respondent, null, householdId,
                            new Recipient(household.UserId, household.ContactEmail!, household.Label, household.ContactLanguage), ct);
                    }
                }
            }
        }

        if (sent > 0)
        {
            notifier.Wake();
        }

        return sent;
    }

    private async Task<int> InviteAsync(Group group, Wave wave, int questionnaireId, string respondent, Guid? memberId, Guid? householdId, Recipient to, CancellationToken ct)
    {
        var response = new SurveyResponse
        {
            Id = Guid.NewGuid(),
            QuestionnaireId = questionnaireId,
            Wave = wave,
            GroupId = group.Id,
            Respondent = respondent,
            MemberId = memberId,
            HouseholdId = householdId,
            InvitedAt = time.GetUtcNow(),
        };
        db.SurveyResponses.Add(response);
        var link = $"/vragenlijst/{response.Id}";
        await notifier.AddAsync(to, NotificationCategory.Reminder, $"group:{group.Id:N}", link, () =>
            (t[$"Survey_Invite_{wave}_Subject"].Value,
             t["Survey_Invite_Body", to.Name, links.Absolute(link)].Value + "\n\n" + t["Email_SignatureNotifications", links.Absolute("/meldingen")].Value), ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return 1;
        }
        catch (DbUpdateException)
        {
            // Another instance invited this person for this wave at the same moment.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>An unanswered questionnaire is reminded this many days after it was sent, once each.</summary>
    public static readonly int[] ReminderDays = [7, 21];

    /// <summary>
    /// Reminds people of a questionnaire they have not finished: once a week after it was sent and once
    /// three weeks after, not after the wave's window closes nor for a group that stopped, never twice (the ledger's key is unique, so also
    /// not from two instances); in their language, through their notifications. Returns how many.
    /// </summary>
    public async Task<int> RemindUnansweredAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = time.TodayInNetherlands();
        var firstDue = now.AddDays(-ReminderDays[0]);
        // Not after the wave's window, and not for a group that stopped.
        var open = (await db.SurveyResponses.AsNoTracking()
                .Where(r => r.CompletedAt == null && r.Group!.Status != GroupStatus.Withdrawn && r.Group.YearStartedOn != null)
                .Select(r => new { r.Id, r.GroupId, r.Wave, r.InvitedAt, r.MemberId, r.HouseholdId, Started = r.Group!.YearStartedOn!.Value })
                .ToListAsync(ct))
            .Where(r => r.InvitedAt <= firstDue && today <= ClosesOn(r.Started, r.Wave))
            .ToList();
        if (open.Count == 0)
        {
            return 0;
        }

        // The latest reminder each one is due for now.
        var due = open.Select(r => (Response: r, Number: ReminderDays.Count(d => r.InvitedAt.AddDays(d) <= now)))
            .Select(x => (x.Response, Key: $"survey:{x.Response.Id:N}:{x.Number}"))
            .ToList();
        var sentAlready = await ReminderLedger.SentAsync(db, [.. due.Select(d => d.Key)], ct);
        due = [.. due.Where(d => !sentAlready.Contains(d.Key))];
        var memberIds = due.Where(d => d.Response.MemberId != null).Select(d => d.Response.MemberId!.Value).ToList();
        var members = await db.GroupMembers.AsNoTracking()
            .Where(m => memberIds.Contains(m.Id) && m.LeftAt == null && m.ErasedAt == null && (m.ActiveEmail != null || m.Group!.Status == GroupStatus.Completed))
            .ToDictionaryAsync(m => m.Id, ct);
        var householdIds = due.Where(d => d.Response.HouseholdId != null).Select(d => d.Response.HouseholdId!.Value).ToList();
        var households = await db.NewcomerHouseholds.AsNoTracking()
            .Where(h => householdIds.Contains(h.Id) && h.ContactEmail != null && h.Status != Newcomers.NewcomerStatus.Left)
            .ToDictionaryAsync(h => h.Id, ct);
        var sent = 0;
        foreach (var (response, key) in due)
        {
            Recipient? to = response.MemberId is { } memberId && members.TryGetValue(memberId, out var member)
                ? new Recipient(member.UserId, member.Email, member.Name, member.PreferredLanguage)
                : response.HouseholdId is { } householdId && households.TryGetValue(householdId, out var household)
                    ? new Recipient(household.UserId, household.ContactEmail!, household.Label, household.ContactLanguage)
                    : null;
            if (to is null)
            {
                continue; // left the group or the programme: no reminders
            }

            var link = $"/vragenlijst/{response.Id}";
            await notifier.AddAsync(to, NotificationCategory.Reminder, $"group:{response.GroupId:N}", link, () =>
                (t["Survey_Reminder_Subject"].Value,
                 t["Survey_Reminder_Body", to.Name, links.Absolute(link)].Value + "\n\n" + t["Email_SignatureNotifications", links.Absolute("/meldingen")].Value), ct);
            sent += await ReminderLedger.CommitAsync(db, time, [key], ct);
        }

        if (sent > 0)
        {
            notifier.Wake();
        }

        return sent;
    }

    /// <summary>The person's own response (as a member or as the household), with its questionnaire; null for anyone else.</summary>
    public Task<SurveyResponse?> MineAsync(Guid userId, Guid responseId, CancellationToken ct) =>
        db.SurveyResponses
            .Include(r => r.Questionnaire).ThenInclude(q => q!.Items.OrderBy(i => i.Order))
            .Include(r => r.Answers)
            .Include(r => r.Group)
            .Where(r => r.Id == responseId
                && ((r.MemberId != null && db.GroupMembers.Any(m => m.Id == r.MemberId && m.UserId == userId))
                    || (r.HouseholdId != null && db.NewcomerHouseholds.Any(h => h.Id == r.HouseholdId && h.UserId == userId && h.Status != Newcomers.NewcomerStatus.Left))))
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);

    /// <summary>Whether the response can still be answered: not finished, and its wave's window not closed.</summary>
    public bool IsOpen(SurveyResponse response) =>
        response.CompletedAt is null && response.Group?.YearStartedOn is { } started && time.TodayInNetherlands() <= ClosesOn(started, response.Wave);

    /// <summary>The person's questionnaires still open (newest first): not finished and within their wave's window.</summary>
    public async Task<List<SurveyResponse>> OpenForAsync(Guid userId, CancellationToken ct) =>
        [.. (await db.SurveyResponses.AsNoTracking()
            .Include(r => r.Group)
            .Where(r => r.CompletedAt == null
                && ((r.MemberId != null && db.GroupMembers.Any(m => m.Id == r.MemberId && m.UserId == userId))
                    || (r.HouseholdId != null && db.NewcomerHouseholds.Any(h => h.Id == r.HouseholdId && h.UserId == userId && h.Status != Newcomers.NewcomerStatus.Left))))
            .OrderByDescending(r => r.InvitedAt)
            .ToListAsync(ct))
            .Where(IsOpen)];
}
