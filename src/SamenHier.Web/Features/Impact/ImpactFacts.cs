using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Impact;

/// <summary>A group as the figures see it: no names, only its city, dates and outcome.</summary>
public sealed record GroupFact(
    Guid Id,
    int CityId,
    GroupStatus Status,
    DateOnly SignedUp,
    DateOnly? Matched,
    DateOnly? Started,
    int DiaryMinutes,
    DateOnly? Withdrawn = null,
    WithdrawalReason? WithdrawnFor = null);

/// <summary>One answer given with research consent (skipped questions are not facts).</summary>
public sealed record AnswerFact(Guid GroupId, string Respondent, Wave Wave, string Questionnaire, string Item, string Value);

/// <summary>One registration for a training session whose attendance was recorded; city 0 for a national session; the member who registered.</summary>
public sealed record TrainingFact(int CityId, int Year, bool Attended, Guid? Person = null);

/// <summary>One household's answer for a community event that took place; city 0 for a national event.</summary>
public sealed record EventFact(int CityId, int Year, int People, Guid? Household = null);

/// <summary>What someone wrote in a questionnaire and agreed may be quoted without name (and used for research).</summary>
public sealed record QuoteFact(Guid GroupId, Wave Wave, SurveyAudience Audience, string Text);

/// <summary>Everything the impact figures are computed from, read in a few plain queries.</summary>
public sealed record ImpactFacts(
    IReadOnlyList<GroupFact> Groups,
    IReadOnlyList<AnswerFact> Answers,
    IReadOnlyList<TrainingFact> Trainings,
    IReadOnlyList<EventFact> Events,
    IReadOnlyList<QuoteFact>? Quotes = null)
{
    public static async Task<ImpactFacts> LoadAsync(AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var minutes = await db.DiaryEntries
            .GroupBy(d => d.GroupId)
            .Select(g => new { g.Key, Minutes = g.Sum(d => d.Minutes) })
            .ToDictionaryAsync(x => x.Key, x => x.Minutes, ct);

        // Sign-ups that were never confirmed are not groups yet.
        var groups = (await db.Groups.AsNoTracking()
                .Where(g => g.Status != GroupStatus.AwaitingConfirmation && g.Status != GroupStatus.Expired)
                .Select(g => new { g.Id, g.CityId, g.Status, g.CreatedAt, g.MatchedAt, g.YearStartedOn, g.WithdrawnAt, g.WithdrawnFor })
                .ToListAsync(ct))
            .Select(g => new GroupFact(
                g.Id,
                g.CityId,
                g.Status,
                Day(g.CreatedAt),
                g.MatchedAt is { } m ? Day(m) : null,
                g.YearStartedOn,
                minutes.GetValueOrDefault(g.Id),
                g.WithdrawnAt is { } w ? Day(w) : null,
                g.WithdrawnFor))
            .ToList();

        // Responses given with consent, then their answers by response: two plain reads instead of a
        // join over every answer (the answers are most of the rows).
        var responses = await (
                from r in db.SurveyResponses.AsNoTracking()
                join q in db.Questionnaires on r.QuestionnaireId equals q.Id
                where r.ResearchConsent == true
                select new { r.Id, r.GroupId, r.Respondent, r.Wave, q.Key })
            .ToDictionaryAsync(r => r.Id, ct);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var answers = new List<AnswerFact>();
        await foreach (var a in db.SurveyAnswers.AsNoTracking()
            .Where(a => !a.Skipped && a.Value != null)
            .Select(a => new { a.ResponseId, a.ItemKey, a.Value })
            .AsAsyncEnumerable()
            .WithCancellation(ct))
        {
            if (responses.TryGetValue(a.ResponseId, out var r))
            {
                // One string per item key, not one per answer.
                if (!keys.TryGetValue(a.ItemKey, out var item))
                {
                    keys[a.ItemKey] = item = a.ItemKey;
                }

                answers.Add(new AnswerFact(r.GroupId, r.Respondent, r.Wave, r.Key, item, a.Value!));
            }
        }

        var trainings = (await (
                from reg in db.TrainingRegistrations.AsNoTracking()
                join s in db.TrainingSessions on reg.SessionId equals s.Id
                where reg.Attended != null && s.CancelledAt == null
                select new { s.CityId, s.StartsAt, Attended = reg.Attended!.Value, reg.MemberId })
            .ToListAsync(ct))
            .Select(x => new TrainingFact(x.CityId ?? 0, Day(x.StartsAt).Year, x.Attended, x.MemberId))
            .ToList();

        var events = (await (
                from rsvp in db.EventRsvps.AsNoTracking()
                join e in db.CommunityEvents on rsvp.EventId equals e.Id
                where rsvp.CancelledAt == null && e.CancelledAt == null
                select new { e.CityId, e.StartsAt, rsvp.People, rsvp.UserId })
            .ToListAsync(ct))
            .Where(x => x.StartsAt < now)
            .Select(x => new EventFact(x.CityId ?? 0, Day(x.StartsAt).Year, x.People, x.UserId))
            .ToList();

        var quotes = await (
                from a in db.SurveyAnswers.AsNoTracking()
                join r in db.SurveyResponses on a.ResponseId equals r.Id
                join q in db.Questionnaires on r.QuestionnaireId equals q.Id
                join i in db.Set<QuestionnaireItem>() on new { q.Id, a.ItemKey } equals new { Id = i.QuestionnaireId, ItemKey = i.Key }
                where r.ResearchConsent == true && r.QuoteConsent == true && i.Kind == ItemKind.Text && !a.Skipped && a.Value != null
                select new QuoteFact(r.GroupId, r.Wave, q.Audience, a.Value!))
            .ToListAsync(ct);

        return new ImpactFacts(groups, answers, trainings, events, quotes);
    }

    /// <summary>The day in the Netherlands: a group that signed up on New Year's Eve at 23:30 signed up in that year.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeExtensions.Netherlands).DateTime);
}
