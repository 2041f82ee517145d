using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Infrastructure.Security;

namespace SamenHier.Web.Features.Privacy;

/// <summary>
/// Everything recorded about one person, as readable JSON (GDPR art. 15 and 20): from their portal
/// (what is linked to their account) or by national staff for a request by post (also what was given
/// under their e-mail address without an account: donations, messages to the programme; and a
/// household's restricted fields). Nothing about anyone else: other members appear as nothing, the
/// group by its name only, texts written by others about the group are left out.
/// </summary>
public sealed class PersonalData(AppDbContext db, RestrictedData restricted, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Letters of every script as they are (readable), while <, >, & and quotes stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>What a person downloads from their portal: the records linked to their account.</summary>
    public async Task<byte[]> ForAccountAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        return Serialize(new
        {
            About = About(forStaff: false),
            ExportedAt = time.GetUtcNow(),
            Account = await AccountAsync(user, ct),
            Memberships = await MembershipsAsync(db.GroupMembers.Where(m => m.UserId == userId), ct),
            Households = await HouseholdsAsync(db.NewcomerHouseholds.Where(h => h.UserId == userId), withRestricted: false, ct),
        });
    }

    /// <summary>For a request by post, by national staff: every record under this e-mail address.</summary>
    public async Task<byte[]> ForEmailAsync(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var upper = normalized.ToUpperInvariant();
        var users = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == upper).ToListAsync(ct);
        var userIds = users.Select(u => u.Id).ToList();
        var accounts = new List<object>();
        foreach (var user in users)
        {
            accounts.Add(await AccountAsync(user, ct));
        }

        return Serialize(new
        {
            About = About(forStaff: true),
            ExportedAt = time.GetUtcNow(),
            Email = normalized,
            Accounts = accounts,
            Memberships = await MembershipsAsync(db.GroupMembers.Where(m => m.Email == normalized || m.ActiveEmail == normalized || (m.UserId != null && userIds.Contains(m.UserId.Value))), ct),
            Households = await HouseholdsAsync(db.NewcomerHouseholds.Where(h => h.ContactEmail == normalized || (h.UserId != null && userIds.Contains(h.UserId.Value))), withRestricted: true, ct),
            Donations = await db.Donations.AsNoTracking().Where(d => d.DonorEmail == normalized).OrderBy(d => d.MandateSignedOn)
                .Select(d => new
                {
                    d.DonorName,
                    d.DonorEmail,
                    d.Language,
                    Euros = d.AmountCents / 100m,
                    d.Frequency,
                    d.Method,
                    City = d.City!.Name,
                    d.Status,
                    d.AccountHolder,
                    d.Iban,
                    d.MandateId,
                    d.MandateSignedOn,
                    d.NextCollectionOn,
                }).ToListAsync(ct),
            Messages = await db.Enquiries.AsNoTracking().Where(e => e.Email == normalized).OrderBy(e => e.ReceivedAt)
                .Select(e => new
                {
                    e.Kind,
                    e.Status,
                    e.ReceivedAt,
                    e.Name,
                    e.Email,
                    e.Phone,
                    e.Organisation,
                    City = e.City!.Name,
                    e.Offer,
                    e.SpacePlace,
                    e.SpaceCapacity,
                    e.SpaceAccessibility,
                    e.Town,
                    e.Requester,
                    e.Subject,
                    e.Message,
                    e.Language,
                    e.StaffNote,
                    e.UpdatedAt,
                }).ToListAsync(ct),
            Emails = await EmailsAsync(normalized, ct),
        });
    }

    /// <summary>For a request by post about a household (many have no e-mail address), restricted fields included.</summary>
    public async Task<byte[]> ForHouseholdAsync(Guid householdId, CancellationToken ct) =>
        Serialize(new
        {
            About = About(forStaff: true),
            ExportedAt = time.GetUtcNow(),
            Households = await HouseholdsAsync(db.NewcomerHouseholds.Where(h => h.Id == householdId), withRestricted: true, ct),
        });

    private static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);

    private static string About(bool forStaff) => forStaff
        ? "Everything Samen Hier has recorded about this person, made by national staff for a request. Times are UTC. Keys are explained in docs/privacy.md."
        : "Everything Samen Hier has recorded about you that is linked to your account. Health and asylum details are given by your coordinator on request. Times are UTC.";

    private async Task<object> AccountAsync(AppUser user, CancellationToken ct) => new
    {
        user.Email,
        Name = user.DisplayName,
        user.Language,
        user.CreatedAt,
        Roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(ct),
        Cities = await db.StaffCities.Where(c => c.UserId == user.Id).Select(c => c.City!.Name).ToListAsync(ct),
        SignInLinks = await db.SignInLinks.AsNoTracking().Where(l => l.UserId == user.Id).OrderBy(l => l.CreatedAt).Select(l => new { l.CreatedAt, l.ExpiresAt, l.UsedAt }).ToListAsync(ct),
        Notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).OrderBy(n => n.CreatedAt).Select(n => new { n.CreatedAt, n.Category, n.Text, n.Emailed, n.ReadAt }).ToListAsync(ct),
        NotificationSettings = await db.NotificationSettings.AsNoTracking().Where(s => s.UserId == user.Id).Select(s => new { s.EmailConfirmations, s.EmailReminders }).SingleOrDefaultAsync(ct),
        EventReplies = await db.EventRsvps.AsNoTracking().Where(r => r.UserId == user.Id).OrderBy(r => r.CreatedAt)
            .Join(db.CommunityEvents, r => r.EventId, e => e.Id, (r, e) => new { Event = e.Title, e.StartsAt, r.People, r.CreatedAt, r.CancelledAt }).ToListAsync(ct),
        DiaryEntriesWritten = await db.DiaryEntries.AsNoTracking().Where(d => d.ByUserId == user.Id).OrderBy(d => d.On).Select(d => new { d.On, d.Kind, d.Minutes, d.Note, d.NewcomerTookPart, d.CreatedAt }).ToListAsync(ct),
        Emails = user.Email is null ? [] : await EmailsAsync(user.Email.ToLowerInvariant(), ct),
    };

    private async Task<List<object>> MembershipsAsync(IQueryable<GroupMember> members, CancellationToken ct)
    {
        var rows = await members.AsNoTracking().Include(m => m.Languages).Include(m => m.Group!).ThenInclude(g => g.City).OrderBy(m => m.Group!.CreatedAt).AsSplitQuery().ToListAsync(ct);
        var result = new List<object>();
        foreach (var m in rows)
        {
            var id = m.Id;
            result.Add(new
            {
                Group = new { m.Group!.Name, City = m.Group.City?.Name, m.Group.Type, m.Group.Status, m.Group.CreatedAt, m.Group.CompletedAt, m.Group.WithdrawnAt },
                Member = new
                {
                    m.Name,
                    m.Email,
                    m.ActiveEmail,
                    m.Phone,
                    m.Postcode,
                    m.Municipality,
                    m.DateOfBirth,
                    m.PreferredLanguage,
                    Languages = m.Languages.Select(l => new { l.Language, l.Level }),
                    m.Occupation,
                    m.NetworkSectors,
                    m.Interests,
                    m.Availability,
                    m.IsContactPerson,
                    m.ConsentVersion,
                    m.ConsentAt,
                    ConsentText = db.ConsentTexts.Where(c => c.Id == m.ConsentTextId).Select(c => c.Text).FirstOrDefault(),
                    m.ConfirmedAt,
                    m.AlumnusSince,
                    Screening = m.VogCheckedOn is null ? null : new { m.VogCheckedOn, m.VogOutcome },
                },
                TasksOwned = await db.PlanTaskOwners.Where(o => o.MemberId == id).Join(db.PlanTasks, o => o.TaskId, t => t.Id, (_, t) => new { t.Title, t.Status, t.DoneAt }).ToListAsync(ct),
                DiaryEntriesTakenPartIn = await db.Set<Features.Year.DiaryParticipant>().Where(p => p.MemberId == id).Join(db.DiaryEntries, p => p.EntryId, d => d.Id, (_, d) => new { d.On, d.Kind, d.Minutes }).ToListAsync(ct),
                Trainings = await db.TrainingRegistrations.AsNoTracking().Where(r => r.MemberId == id).OrderBy(r => r.CreatedAt)
                    .Join(db.TrainingSessions, r => r.SessionId, s => s.Id, (r, s) => new { s.StartsAt, r.Status, r.CreatedAt, r.CancelledAt, r.Attended }).ToListAsync(ct),
                Questionnaires = await SurveysAsync(db.SurveyResponses.Where(r => r.MemberId == id), ct),
            });
        }

        return result;
    }

    private async Task<List<object>> HouseholdsAsync(IQueryable<NewcomerHousehold> households, bool withRestricted, CancellationToken ct)
    {
        var rows = await households.AsNoTracking().Include(h => h.City).Include(h => h.People.OrderBy(p => p.Id)).AsSplitQuery().ToListAsync(ct);
        var result = new List<object>();
        foreach (var h in rows)
        {
            var id = h.Id;
            result.Add(new
            {
                h.Label,
                City = h.City?.Name,
                h.Route,
                h.ContactLanguage,
                h.ContactEmail,
                h.CurrentLocation,
                h.ExpectedArrival,
                h.HousingAddress,
                h.LivingSince,
                h.Traits,
                h.Wishes,
                h.Status,
                DetailsLegalBasis = h.DetailsLegalBasis,
                DetailsLegalBasisRecordedAt = h.DetailsLegalBasisAt,
                h.ProfileConsentAt,
                ProfileConsentText = db.ConsentTexts.Where(c => c.Id == h.ProfileConsentTextId).Select(c => c.Text).FirstOrDefault(),
                h.CreatedAt,
                People = h.People.Select(p => new { p.FirstName, p.BirthYear, p.Languages, p.Education, p.WorkExperience, p.Goals, p.GoalSectors, p.Interests }),
                Restricted = withRestricted
                    ? new
                    {
                        HealthAndAccessibility = restricted.Reveal(NewcomerFields.HealthAndAccessibility, h.HealthAndAccessibility),
                        AccessibilityNeeds = restricted.Reveal(nameof(h.AccessibilityNeeds), h.AccessibilityNeeds),
                        AsylumBackground = restricted.Reveal(NewcomerFields.AsylumBackground, h.AsylumBackground),
                        LegalBasis = h.RestrictedLegalBasis,
                        LegalBasisRecordedAt = h.RestrictedConsentAt,
                    }
                    : null,
                DiaryEntriesWritten = await db.DiaryEntries.AsNoTracking().Where(d => d.ByNewcomer && d.GroupId == db.Groups.Where(g => g.NewcomerHouseholdId == id).Select(g => g.Id).FirstOrDefault())
                    .OrderBy(d => d.On).Select(d => new { d.On, d.Kind, d.Minutes, d.Note, d.CreatedAt }).ToListAsync(ct),
                Questionnaires = await SurveysAsync(db.SurveyResponses.Where(r => r.HouseholdId == id), ct),
            });
        }

        return result;
    }

    private static async Task<List<object>> SurveysAsync(IQueryable<Features.Impact.SurveyResponse> responses, CancellationToken ct) =>
        [.. (await responses.AsNoTracking().Include(r => r.Questionnaire).Include(r => r.Answers).OrderBy(r => r.InvitedAt).AsSplitQuery().ToListAsync(ct))
            .Select(r => (object)new
            {
                Questionnaire = r.Questionnaire?.Key, r.Questionnaire?.Version, r.Wave, r.InvitedAt, r.ConsentAt, r.CompletedAt,
                Answers = r.Answers.OrderBy(a => a.SavedAt).Select(a => new { Question = a.ItemKey, a.Value, a.Skipped, a.SavedAt }),
            })];

    /// <summary>The e-mails sent to the address that the outbox still knows (their envelope: the text is not kept after 30 days).</summary>
    private async Task<List<object>> EmailsAsync(string address, CancellationToken ct) =>
        [.. await db.OutboxMessages.AsNoTracking().Where(o => o.ToAddress == address).OrderBy(o => o.CreatedAt)
            .Select(o => new { o.Subject, o.Language, o.CreatedAt, o.SentAt }).ToListAsync(ct)];
}
