using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Donations;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;

namespace SamenHier.Web.Features.Privacy;

/// <summary>How long personal data is kept (section <c>Retention</c>); applied daily by <see cref="RetentionJob"/>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public bool JobEnabled { get; set; } = true;

    /// <summary>Months after a group's year ended, or it was withdrawn, before the personal data of its members, its household and its texts are erased.</summary>
    public int GroupMonths { get; set; } = 24;

    /// <summary>Months after an enquiry (offer, legacy question, start in town, contact) was received before it is deleted, once handled.</summary>
    public int EnquiryMonths { get; set; } = 24;

    /// <summary>Years a gift's details are kept after its last collection (the fiscal records' seven years), then erased.</summary>
    public int DonationYears { get; set; } = 7;

    /// <summary>Months after a household left the programme without a group (recorded by staff) before its personal data is erased.</summary>
    public int LeftHouseholdMonths { get; set; } = 24;

    /// <summary>Months after a story's consent ended before the story (text and who consented) is deleted.</summary>
    public int StoryMonths { get; set; } = 3;

    /// <summary>Days a gift never confirmed by its donor is kept (it was never collected), then deleted.</summary>
    public int PendingDonationDays { get; set; } = 30;
}

/// <summary>
/// Erases personal data on request or when its retention period ends. What identifies a person is
/// deleted or replaced by <see cref="Erased"/>: names, addresses, phone numbers, e-mail addresses,
/// free text, restricted fields, their account and the e-mails about them. What counts keeps its
/// shape (the rows, their city, route, dates, birth year, languages, statuses), so the programme's
/// figures stay right. The audit and access logs keep their entries (ids and field names only).
/// </summary>
public sealed class Erasure(AppDbContext db, TimeProvider time, IOptions<RetentionOptions> options)
{
    /// <summary>What an erased name or text reads.</summary>
    public const string Erased = "—";

    /// <summary>What was done for a request under one e-mail address.</summary>
    public sealed record Outcome(int Members, int MembersInRunningGroups, int Households, int HouseholdsInRunningGroups, int Enquiries, int DonationsKept);

    /// <summary>Groups whose members may be erased on request: no longer being formed or supported (or never completed).</summary>
    private static readonly GroupStatus[] Finished = [GroupStatus.AwaitingConfirmation, GroupStatus.Expired, GroupStatus.Completed, GroupStatus.Withdrawn];

    /// <summary>Erases everything under an e-mail address that may be erased now; says what it could not.</summary>
    public async Task<Outcome> EraseByEmailAsync(string email, Guid? byUserId, string byName, CancellationToken ct)
    {
        var members = await db.GroupMembers.Include(m => m.Group)
            .Where(m => m.ErasedAt == null && (m.Email == email || m.ActiveEmail == email))
            .ToListAsync(ct);
        var erasable = members.Where(m => Finished.Contains(m.Group!.Status)).ToList();
        var households = await db.NewcomerHouseholds.Where(h => h.ErasedAt == null && h.ContactEmail == email).ToListAsync(ct);
        var running = await RunningHouseholdsAsync(households.Select(h => h.Id).ToList(), ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var accounts = new List<Guid>();
        foreach (var member in erasable)
        {
            await EraseMemberAsync(member, accounts, byUserId, byName, ct);
        }

        foreach (var household in households.Where(h => !running.Contains(h.Id)))
        {
            await EraseHouseholdAsync(household, accounts, byUserId, byName, ct);
        }

        var enquiries = await db.Enquiries.Where(e => e.Email == email).ExecuteDeleteAsync(ct);
        await db.OutboxMessages.Where(o => o.ToAddress == email).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await Portal.PortalAccounts.DeleteOrphansAsync(db, accounts, ct);
        await transaction.CommitAsync(ct);

        // Gifts never collected go at once; collected ones wait for the fiscal records' years.
        await using (var gifts = await db.Database.BeginTransactionAsync(ct))
        {
            await DeleteNeverCollectedAsync(db.Donations.Where(d => d.DonorEmail == email && (d.Status == DonationStatus.Pending || d.Status == DonationStatus.Stopped)), ct);
            await EraseOldDonationsAsync(db.Donations.Where(d => d.DonorEmail == email), byUserId, byName, ct);
            await gifts.CommitAsync(ct);
        }

        var donations = await db.Donations.CountAsync(d => d.DonorEmail == email, ct);
        return new Outcome(erasable.Count, members.Count - erasable.Count, households.Count - running.Count, running.Count, enquiries, donations);
    }

    /// <summary>Erases one household on request; false when it is in a running group (erase once the year is over or the group withdrawn).</summary>
    public async Task<bool> EraseHouseholdAsync(Guid id, Guid? byUserId, string byName, CancellationToken ct)
    {
        var household = await db.NewcomerHouseholds.SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null || (await RunningHouseholdsAsync([id], ct)).Count > 0)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var accounts = new List<Guid>();
        await EraseHouseholdAsync(household, accounts, byUserId, byName, ct);
        await db.SaveChangesAsync(ct);
        await Portal.PortalAccounts.DeleteOrphansAsync(db, accounts, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Applies the retention periods: groups <see cref="RetentionOptions.GroupMonths"/> after their year
    /// ended or they were withdrawn (members, household, texts), handled enquiries after
    /// <see cref="RetentionOptions.EnquiryMonths"/>. Returns the number of groups erased.
    /// </summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMonths(-options.Value.GroupMonths);
        var cutoffDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        var due = await db.Groups
            .Where(g => g.ErasedAt == null
                && ((g.Status == GroupStatus.Completed && g.YearEndedOn != null && g.YearEndedOn < cutoffDay)
                    || (g.Status == GroupStatus.Withdrawn && g.WithdrawnAt != null && g.WithdrawnAt < cutoff)))
            .Select(g => g.Id)
            .ToListAsync(ct);
        foreach (var id in due)
        {
            await EraseGroupAsync(id, ct);
        }

        var enquiryCutoff = now.AddMonths(-options.Value.EnquiryMonths);
        await db.Enquiries
            .Where(e => e.Status != Enquiries.EnquiryStatus.New && e.Status != Enquiries.EnquiryStatus.Contacted && e.ReceivedAt < enquiryCutoff)
            .ExecuteDeleteAsync(ct);

        // Households that left without a group: erased once their period after leaving has passed.
        var leftCutoff = now.AddMonths(-options.Value.LeftHouseholdMonths);
        var left = await db.NewcomerHouseholds.Where(h => h.Status == NewcomerStatus.Left && h.ErasedAt == null && h.LeftAt != null && h.LeftAt < leftCutoff).Select(h => h.Id).ToListAsync(ct);
        foreach (var id in left)
        {
            await EraseHouseholdAsync(id, null, "retention", ct);
        }

        var storyCutoff = DateOnly.FromDateTime(now.AddMonths(-options.Value.StoryMonths).UtcDateTime);
        var stories = await db.Stories.Where(x => x.ConsentEndsOn < storyCutoff).ToListAsync(ct);
        foreach (var story in stories)
        {
            db.Stories.Remove(story);
            Backoffice.Audit.Record(db, time, null, "retention", "story", story.Id.ToString("N"), "Deleted");
        }

        await db.SaveChangesAsync(ct);

        // Gifts never confirmed were never collected: deleted after a month. Others after their fiscal years.
        var pendingCutoff = now.AddDays(-options.Value.PendingDonationDays);
        await using (var gifts = await db.Database.BeginTransactionAsync(ct))
        {
            await DeleteNeverCollectedAsync(db.Donations.Where(d => d.Status == DonationStatus.Pending && d.CreatedAt < pendingCutoff), ct);
            await EraseOldDonationsAsync(db.Donations, null, "retention", ct);
            await gifts.CommitAsync(ct);
        }

        return due.Count;
    }

    /// <summary>Deletes the gifts among <paramref name="donations"/> that were never collected, with the refused collections they may have.</summary>
    private async Task DeleteNeverCollectedAsync(IQueryable<Donation> donations, CancellationToken ct)
    {
        var ids = await donations
            .Where(d => !db.Collections.Any(c => c.DonationId == d.Id && c.FailedOn == null))
            .Select(d => d.Id)
            .ToListAsync(ct);
        if (ids.Count == 0)
        {
            return;
        }

        await db.Collections.Where(c => ids.Contains(c.DonationId)).ExecuteDeleteAsync(ct);
        await db.Donations.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Erases the donor of every ended gift among <paramref name="donations"/> whose last collection (or
    /// end) is more than <see cref="RetentionOptions.DonationYears"/> years ago, and the collection
    /// files of that age (their XML names donors and accounts; the counts and totals stay).
    /// </summary>
    private async Task EraseOldDonationsAsync(IQueryable<Donation> donations, Guid? byUserId, string byName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddYears(-options.Value.DonationYears);
        var cutoffDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        var old = await donations
            .Where(d => (d.Status == DonationStatus.Stopped || d.Status == DonationStatus.Completed) && d.DonorName != Erased
                && (d.StoppedAt ?? d.CreatedAt) < cutoff
                && !db.Collections.Any(c => c.DonationId == d.Id && c.CollectionDate >= cutoffDay))
            .ToListAsync(ct);
        foreach (var donation in old)
        {
            donation.DonorName = Erased;
            donation.DonorEmail = Erased;
            donation.AccountHolder = Erased;
            donation.Iban = Erased;
            donation.AmendedFromIban = null;
            donation.Version = Guid.NewGuid();
            Backoffice.Audit.Record(db, time, byUserId, byName, "donation", donation.Id.ToString("N"), "Erased");
        }

        await db.SaveChangesAsync(ct);
        await db.Collections.Where(c => c.AmendedFromIban != null && c.CollectionDate < cutoffDay).ExecuteUpdateAsync(s => s.SetProperty(c => c.AmendedFromIban, (string?)null), ct);
        await db.CollectionRuns.Where(r => r.CollectionDate < cutoffDay && r.Xml != "").ExecuteUpdateAsync(s => s.SetProperty(r => r.Xml, ""), ct);
    }

    /// <summary>A group after its retention period: its members, its household and every text written about it.</summary>
    public async Task EraseGroupAsync(Guid id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var group = await db.Groups.Include(g => g.Members).SingleAsync(g => g.Id == id, ct);
        var accounts = new List<Guid>();
        foreach (var member in group.Members.Where(m => m.ErasedAt == null))
        {
            await EraseMemberAsync(member, accounts, null, "retention", ct);
        }

        if (group.NewcomerHouseholdId is { } householdId && await db.NewcomerHouseholds.SingleOrDefaultAsync(h => h.Id == householdId && h.ErasedAt == null, ct) is { } household)
        {
            await EraseHouseholdAsync(household, accounts, null, "retention", ct);
        }

        group.Name = null;
        group.Motivation = null;
        group.WithdrawnReason = null;
        group.StatusTokenHash = null;
        group.ErasedAt = time.GetUtcNow();
        await db.DiaryEntries.Where(d => d.GroupId == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Note, (string?)null).SetProperty(d => d.ByName, Erased).SetProperty(d => d.ByUserId, (Guid?)null), ct);
        await db.CheckIns.Where(c => c.GroupId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Needs, (string?)null).SetProperty(c => c.Concerns, (string?)null).SetProperty(c => c.Notes, (string?)null), ct);
        await db.PlanTasks.Where(t => t.GroupId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Notes, (string?)null), ct);
        await db.YearReviews.Where(r => r.GroupId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Going, Erased).SetProperty(r => r.Continues, Erased), ct);
        await db.Signals.Where(x => x.GroupId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Text, Erased).SetProperty(x => x.Resolution, (string?)null), ct);
        await db.GroupEvents.Where(e => e.GroupId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, (string?)null).SetProperty(e => e.Reason, (string?)null), ct);
        var reference = $"group:{id:N}";
        await db.OutboxMessages.Where(o => o.Reference == reference).ExecuteDeleteAsync(ct);
        Backoffice.Audit.Record(db, time, null, "retention", "group", id.ToString("N"), "Erased");
        await db.SaveChangesAsync(ct);
        await Portal.PortalAccounts.DeleteOrphansAsync(db, accounts, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The households among <paramref name="ids"/> that a running group supports (or is about to).</summary>
    private async Task<List<Guid>> RunningHouseholdsAsync(List<Guid> ids, CancellationToken ct) =>
        await db.Groups
            .Where(g => g.NewcomerHouseholdId != null && ids.Contains(g.NewcomerHouseholdId.Value) && !Finished.Contains(g.Status))
            .Select(g => g.NewcomerHouseholdId!.Value)
            .Distinct()
            .ToListAsync(ct);

    /// <summary>Erases one member who leaves their group; the caller saves, in its transaction, and deletes the orphaned accounts.</summary>
    public Task EraseLeavingMemberAsync(GroupMember m, List<Guid> accounts, Guid byUserId, CancellationToken ct) =>
        EraseMemberAsync(m, accounts, byUserId, "member", ct);

    private async Task EraseMemberAsync(GroupMember m, List<Guid> accounts, Guid? byUserId, string byName, CancellationToken ct)
    {
        var addresses = new[] { m.Email, m.ActiveEmail }.OfType<string>().ToList();
        await db.OutboxMessages.Where(o => addresses.Contains(o.ToAddress)).ExecuteDeleteAsync(ct);
        if (m.UserId is { } account)
        {
            accounts.Add(account);
            await db.DiaryEntries.Where(d => d.ByUserId == account).ExecuteUpdateAsync(s => s.SetProperty(d => d.ByName, Erased).SetProperty(d => d.ByUserId, (Guid?)null), ct);
        }

        m.Name = Erased;
        // A unique address that can never receive mail (.invalid is reserved, RFC 2606).
        m.Email = $"gewist-{m.Id:N}@samenhier.invalid";
        m.ActiveEmail = null;
        m.Phone = "";
        m.Postcode = null;
        m.Municipality = null;
        // The year of birth stays for the figures by age.
        m.DateOfBirth = new DateOnly(m.DateOfBirth.Year, 1, 1);
        m.Occupation = null;
        m.Interests = null;
        m.Availability = "";
        m.VogCheckedOn = null;
        m.VogCheckedBy = null;
        m.VogOutcome = VogOutcome.NotChecked;
        m.UserId = null;
        m.ErasedAt = time.GetUtcNow();
        Backoffice.Audit.Record(db, time, byUserId, byName, "member", m.Id.ToString("N"), "Erased");
    }

    private async Task EraseHouseholdAsync(NewcomerHousehold h, List<Guid> accounts, Guid? byUserId, string byName, CancellationToken ct)
    {
        if (h.ContactEmail is { } address)
        {
            await db.OutboxMessages.Where(o => o.ToAddress == address).ExecuteDeleteAsync(ct);
        }

        if (h.UserId is { } account)
        {
            accounts.Add(account);
        }

        await db.Entry(h).Collection(x => x.People).LoadAsync(ct);
        foreach (var p in h.People)
        {
            p.FirstName = Erased;
            p.Education = null;
            p.WorkExperience = null;
            p.Goals = null;
            p.Interests = null;
        }

        await db.Signals.Where(x => x.HouseholdId == h.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Text, Erased).SetProperty(x => x.Resolution, (string?)null), ct);
        h.Label = Erased;
        h.ContactEmail = null;
        h.UserId = null;
        h.CurrentLocation = null;
        h.HousingAddress = null;
        h.HealthAndAccessibility = null;
        h.AccessibilityNeeds = null;
        h.AsylumBackground = null;
        h.RestrictedLegalBasis = LegalBasis.None;
        h.ProfileConsentAt = null;
        h.ProfileConsentBy = null;
        h.ProfileConsentTextId = null;
        if (h.Status == NewcomerStatus.Waiting)
        {
            h.Status = NewcomerStatus.Left;
        }

        h.ErasedAt = time.GetUtcNow();
        h.ConcurrencyStamp = Guid.NewGuid();
        Backoffice.Audit.Record(db, time, byUserId, byName, "newcomer", h.Id.ToString("N"), "Erased");
    }
}

/// <summary>Runs <see cref="Erasure.ApplyRetentionAsync"/> once a day, on one instance (erasing twice would change nothing either).</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger)
    : Infrastructure.Jobs.ScheduledJob(scopes, time, logger)
{
    protected override string Name => "retention";

    protected override TimeSpan Period => TimeSpan.FromDays(1);

    protected override bool Enabled => options.Value.JobEnabled;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var count = await services.GetRequiredService<Erasure>().ApplyRetentionAsync(ct);
        if (count > 0)
        {
            logger.LogInformation("Erased the personal data of {Count} groups past their retention period.", count);
        }
    }
}
