using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Year;

/// <summary>
/// Through the year: the diary, the community builder's check-ins, the signals the coordinator
/// follows up (a concern at a check-in, or one the newcomer raised in confidence), and the reviews.
/// Each change is made within the scope the caller gives.
/// </summary>
public sealed class YearService(AppDbContext db, TimeProvider time, EmailOutbox outbox, PublicLinks links, IStringLocalizer<SharedResource> t)
{
    /// <summary>Days the coordinator has to follow up a concern from a check-in.</summary>
    public const int CheckInFollowUpDays = 7;

    /// <summary>Days to follow up a concern the newcomer raised: sooner, as they seldom speak up.</summary>
    public const int NewcomerFollowUpDays = 3;

    /// <summary>The longest activity one diary entry records.</summary>
    public const int MaxMinutes = 24 * 60;

    public sealed record EntryInput(DateOnly On, DiaryKind Kind, int Minutes, string? Note, bool NewcomerTookPart, IReadOnlyCollection<Guid> Participants);

    public sealed record CheckInInput(DateOnly HeldOn, int Rating, string? Needs, string? Concerns, string? Notes);

    /// <summary>The diary is kept from the match until the year is over.</summary>
    public static bool DiaryOpen(Group group) => group.Status is GroupStatus.Matched or GroupStatus.YearTogether;

    public Task<List<DiaryEntry>> DiaryAsync(Guid groupId, int take, CancellationToken ct) =>
        db.DiaryEntries.AsNoTracking().Where(x => x.GroupId == groupId).Include(x => x.Participants)
            .OrderByDescending(x => x.On).ThenByDescending(x => x.CreatedAt).Take(take).ToListAsync(ct);

    /// <summary>Adds a diary entry; the people who took part must be members of the group.</summary>
    public async Task<Plans.Result> AddEntryAsync(IQueryable<Group> scope, Guid groupId, EntryInput input, Guid? byUserId, string byName, bool byNewcomer, CancellationToken ct)
    {
        var group = await scope.Include(g => g.Members).AsSplitQuery().SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return Plans.Result.NotFound;
        }

        if (!DiaryOpen(group) || input.Participants.Any(p => !group.Members.Any(m => m.Id == p && m.Present)) || input.On > time.TodayInNetherlands())
        {
            return Plans.Result.NotAllowed;
        }

        var id = Guid.NewGuid();
        db.DiaryEntries.Add(new DiaryEntry
        {
            Id = id,
            GroupId = groupId,
            On = input.On,
            Kind = input.Kind,
            Minutes = input.Minutes,
            Note = input.Note,
            NewcomerTookPart = input.NewcomerTookPart || byNewcomer,
            ByNewcomer = byNewcomer,
            ByUserId = byUserId,
            ByName = byName,
            CreatedAt = time.GetUtcNow(),
            Participants = [.. input.Participants.Distinct().Select(p => new DiaryParticipant { EntryId = id, MemberId = p })],
        });
        await db.SaveChangesAsync(ct);
        return Plans.Result.Done;
    }

    /// <summary>A person removes an entry they wrote themselves.</summary>
    public async Task<Plans.Result> DeleteEntryAsync(IQueryable<Group> scope, Guid groupId, Guid entryId, Guid byUserId, CancellationToken ct)
    {
        if (!await scope.AnyAsync(g => g.Id == groupId, ct))
        {
            return Plans.Result.NotFound;
        }

        return await db.DiaryEntries.Where(x => x.Id == entryId && x.GroupId == groupId && x.ByUserId == byUserId).ExecuteDeleteAsync(ct) == 1
            ? Plans.Result.Done
            : Plans.Result.NotFound;
    }

    /// <summary>
    /// Records a check-in held by the community builder. A concern raises a signal for the
    /// coordinator, with a date to follow it up by, and an e-mail to the city's coordinators.
    /// </summary>
    public async Task<Plans.Result> RecordCheckInAsync(IQueryable<Group> scope, Guid groupId, CheckInWith with, Milestone milestone, CheckInInput input, Guid byUserId, string byName, CancellationToken ct)
    {
        var group = await scope.SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return Plans.Result.NotFound;
        }

        var today = time.TodayInNetherlands();
        if (group.Status != GroupStatus.YearTogether || group.YearStartedOn is not { } start || !CheckInSchedule.IsOpen(start, milestone, today)
            || input.HeldOn > today || input.HeldOn < start
            || await db.CheckIns.AnyAsync(c => c.GroupId == groupId && c.With == with && c.Milestone == milestone, ct))
        {
            return Plans.Result.NotAllowed;
        }

        var now = time.GetUtcNow();
        var checkIn = new CheckIn
        {
            Id = Guid.NewGuid(),
            GroupId = groupId,
            With = with,
            Milestone = milestone,
            HeldOn = input.HeldOn,
            Rating = input.Rating,
            Needs = input.Needs,
            Concerns = input.Concerns,
            Notes = input.Notes,
            ByUserId = byUserId,
            ByName = byName,
            CreatedAt = now,
        };
        db.CheckIns.Add(checkIn);
        if (input.Concerns is { } concerns)
        {
            await RaiseAsync(group.CityId, groupId, null, SignalKind.CheckInConcern, concerns, byName, today.AddDays(CheckInFollowUpDays), ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index: someone recorded this check-in at the same moment.
            db.ChangeTracker.Clear();
            return Plans.Result.Conflict;
        }

        outbox.Wake();
        return Plans.Result.Done;
    }

    /// <summary>
    /// The newcomer's confidential channel: a concern only the community builder and the coordinator
    /// see, never the group. Goes to the household's group's builder and the city's coordinators.
    /// </summary>
    public async Task<bool> RaiseNewcomerConcernAsync(Guid userId, string text, CancellationToken ct)
    {
        var household = await db.NewcomerHouseholds.AsNoTracking()
            .Where(h => h.UserId == userId && h.Status != Newcomers.NewcomerStatus.Left)
            .Select(h => new { h.Id, h.CityId, h.Label })
            .SingleOrDefaultAsync(ct);
        if (household is null)
        {
            return false;
        }

        var groupId = await db.Groups.Where(g => g.NewcomerHouseholdId == household.Id && (g.Status == GroupStatus.Matched || g.Status == GroupStatus.YearTogether))
            .Select(g => (Guid?)g.Id).FirstOrDefaultAsync(ct);
        await RaiseAsync(household.CityId, groupId, household.Id, SignalKind.NewcomerConcern, text, household.Label, time.TodayInNetherlands().AddDays(NewcomerFollowUpDays), ct);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return true;
    }

    /// <summary>The coordinator records how a signal was followed up.</summary>
    public async Task<Plans.Result> ResolveAsync(IReadOnlyCollection<int> cityIds, Guid signalId, Guid stamp, string resolution, string byName, CancellationToken ct)
    {
        var signal = await db.Signals.SingleOrDefaultAsync(s => s.Id == signalId && cityIds.Contains(s.CityId), ct);
        if (signal is null)
        {
            return Plans.Result.NotFound;
        }

        if (signal.ResolvedAt is not null)
        {
            return Plans.Result.NotAllowed;
        }

        if (signal.ConcurrencyStamp != stamp)
        {
            return Plans.Result.Conflict;
        }

        signal.ResolvedAt = time.GetUtcNow();
        signal.ResolvedBy = byName;
        signal.Resolution = resolution;
        signal.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
            return Plans.Result.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Plans.Result.Conflict;
        }
    }

    /// <summary>The mid-point review (from month 6) or the closing review, once each.</summary>
    public async Task<Plans.Result> RecordReviewAsync(IQueryable<Group> scope, Guid groupId, ReviewKind kind, DateOnly heldOn, string going, string continues, string byName, CancellationToken ct)
    {
        var group = await scope.SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null)
        {
            return Plans.Result.NotFound;
        }

        if (!ReviewOpen(group, kind, time.TodayInNetherlands()) || heldOn > time.TodayInNetherlands() || heldOn < group.YearStartedOn
            || await db.YearReviews.AnyAsync(r => r.GroupId == groupId && r.Kind == kind, ct))
        {
            return Plans.Result.NotAllowed;
        }

        db.YearReviews.Add(new YearReview
        {
            Id = Guid.NewGuid(),
            GroupId = groupId,
            Kind = kind,
            HeldOn = heldOn,
            Going = going,
            Continues = continues,
            ByName = byName,
            CreatedAt = time.GetUtcNow(),
        });
        db.GroupEvents.Add(new GroupEvent { GroupId = groupId, At = time.GetUtcNow(), ByName = byName, Kind = kind == ReviewKind.Midpoint ? "MidpointReview" : "FinalReview" });
        try
        {
            await db.SaveChangesAsync(ct);
            return Plans.Result.Done;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Plans.Result.Conflict;
        }
    }

    /// <summary>The mid-point review opens two weeks before month 6; the closing review two weeks before month 12.</summary>
    public static bool ReviewOpen(Group group, ReviewKind kind, DateOnly today) =>
        group.Status == GroupStatus.YearTogether && group.YearStartedOn is { } start
        && today >= start.AddMonths(kind == ReviewKind.Midpoint ? 6 : 12).AddDays(-14);

    private async Task RaiseAsync(int cityId, Guid? groupId, Guid? householdId, SignalKind kind, string text, string createdBy, DateOnly followUpBy, CancellationToken ct)
    {
        db.Signals.Add(new Signal
        {
            Id = Guid.NewGuid(),
            CityId = cityId,
            GroupId = groupId,
            HouseholdId = householdId,
            Kind = kind,
            Text = text,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
            FollowUpBy = followUpBy,
        });

        // The e-mail says only that there is something to follow up, and where: never the concern itself.
        var recipients = await StaffRecipients.CoordinatorsOfAsync(db, cityId, ct);
        if (kind == SignalKind.NewcomerConcern && groupId is { } group && await StaffRecipients.BuilderOfAsync(db, group, ct) is { } builder)
        {
            recipients.Add(builder);
        }

        foreach (var r in recipients.DistinctBy(r => r.Email))
        {
            outbox.Add(r.Email, r.Name, r.Language, "signal", () =>
                (t[$"Email_Signal_{kind}_Subject"].Value,
                 t["Email_Signal_Body", r.Name, followUpBy.ToString("d MMMM yyyy"), links.Absolute("/beheer/signalen")].Value + "\n\n" + t["Email_SignatureStaff"].Value));
        }
    }
}
