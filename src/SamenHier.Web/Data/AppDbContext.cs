using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Security;

namespace SamenHier.Web.Data;

/// <summary>
/// The one DbContext, used directly by the features. Each provider has a subclass
/// (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>) that owns its migrations.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring, each key encrypted (see <c>KeyRing</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StaffCity> StaffCities => Set<StaffCity>();

    public DbSet<GroupEvent> GroupEvents => Set<GroupEvent>();

    public DbSet<ExportLog> ExportLogs => Set<ExportLog>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Features.Privacy.AccessLogEntry> AccessLog => Set<Features.Privacy.AccessLogEntry>();

    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();

    public DbSet<Infrastructure.Security.RateLimitCounter> RateLimitCounters => Set<Infrastructure.Security.RateLimitCounter>();

    public DbSet<Infrastructure.Jobs.JobLease> JobLeases => Set<Infrastructure.Jobs.JobLease>();

    public DbSet<NewcomerHousehold> NewcomerHouseholds => Set<NewcomerHousehold>();

    public DbSet<NewcomerPerson> NewcomerPeople => Set<NewcomerPerson>();

    public DbSet<City> Cities => Set<City>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<MemberLanguage> MemberLanguages => Set<MemberLanguage>();

    public DbSet<SignUpDraft> SignUpDrafts => Set<SignUpDraft>();

    public DbSet<Features.Enquiries.Enquiry> Enquiries => Set<Features.Enquiries.Enquiry>();

    public DbSet<Features.Stories.Story> Stories => Set<Features.Stories.Story>();

    public DbSet<Features.Donations.Donation> Donations => Set<Features.Donations.Donation>();

    public DbSet<Features.Donations.Collection> Collections => Set<Features.Donations.Collection>();

    public DbSet<Features.Privacy.ConsentText> ConsentTexts => Set<Features.Privacy.ConsentText>();

    public DbSet<Features.Donations.CollectionRun> CollectionRuns => Set<Features.Donations.CollectionRun>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<Features.Matching.MatchingRun> MatchingRuns => Set<Features.Matching.MatchingRun>();

    public DbSet<Features.Matching.MatchProposal> MatchProposals => Set<Features.Matching.MatchProposal>();

    public DbSet<Features.Matching.PairRule> PairRules => Set<Features.Matching.PairRule>();

    public DbSet<Features.Year.PlanTask> PlanTasks => Set<Features.Year.PlanTask>();

    public DbSet<Features.Year.PlanTaskOwner> PlanTaskOwners => Set<Features.Year.PlanTaskOwner>();

    public DbSet<Features.Year.PlanGoal> PlanGoals => Set<Features.Year.PlanGoal>();

    public DbSet<Features.Year.TemplateTask> TemplateTasks => Set<Features.Year.TemplateTask>();

    public DbSet<Features.Year.KnowledgeArticle> KnowledgeArticles => Set<Features.Year.KnowledgeArticle>();

    public DbSet<Features.Year.DiaryEntry> DiaryEntries => Set<Features.Year.DiaryEntry>();

    public DbSet<Features.Year.CheckIn> CheckIns => Set<Features.Year.CheckIn>();

    public DbSet<Features.Year.Signal> Signals => Set<Features.Year.Signal>();

    public DbSet<Features.Year.YearReview> YearReviews => Set<Features.Year.YearReview>();

    public DbSet<Features.Year.SentReminder> SentReminders => Set<Features.Year.SentReminder>();

    public DbSet<Features.Trainings.TrainingModule> TrainingModules => Set<Features.Trainings.TrainingModule>();

    public DbSet<Features.Trainings.TrainingSession> TrainingSessions => Set<Features.Trainings.TrainingSession>();

    public DbSet<Features.Trainings.TrainingRegistration> TrainingRegistrations => Set<Features.Trainings.TrainingRegistration>();

    public DbSet<Features.Events.CommunityEvent> CommunityEvents => Set<Features.Events.CommunityEvent>();

    public DbSet<Features.Events.EventRsvp> EventRsvps => Set<Features.Events.EventRsvp>();

    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();

    public DbSet<Features.Notifications.NotificationSettings> NotificationSettings => Set<Features.Notifications.NotificationSettings>();

    public DbSet<Features.Calendar.CalendarFeed> CalendarFeeds => Set<Features.Calendar.CalendarFeed>();

    public DbSet<Features.Impact.Questionnaire> Questionnaires => Set<Features.Impact.Questionnaire>();

    public DbSet<Features.Impact.SurveyResponse> SurveyResponses => Set<Features.Impact.SurveyResponse>();

    public DbSet<Features.Impact.SurveyAnswer> SurveyAnswers => Set<Features.Impact.SurveyAnswer>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        Features.Year.YearModel.Configure(builder);
        Features.Trainings.TrainingModel.Configure(builder);
        Features.Events.EventModel.Configure(builder);
        Features.Notifications.NotificationModel.Configure(builder);
        Features.Calendar.CalendarModel.Configure(builder);
        Features.Impact.SurveyModel.Configure(builder);
        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(Limits.Name);
            e.Property(u => u.Language).HasMaxLength(5);
            e.Property(u => u.Languages).HasMaxLength(200);
            e.HasMany(u => u.Cities).WithOne().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<StaffCity>(e =>
        {
            e.HasKey(s => new { s.UserId, s.CityId });
            e.HasOne(s => s.City).WithMany().HasForeignKey(s => s.CityId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<City>(e =>
        {
            e.Property(c => c.Slug).HasMaxLength(60);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.PartnerName).HasMaxLength(200);
            e.Property(c => c.ContactEmail).HasMaxLength(Limits.Email);
            e.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
            e.HasIndex(c => c.Slug).IsUnique();
        });

        builder.Entity<Group>(e =>
        {
            e.Property(g => g.Name).HasMaxLength(Limits.GroupName);
            e.Property(g => g.Motivation).HasMaxLength(Limits.Motivation);
            e.Property(g => g.StatusTokenHash).HasMaxLength(64);
            e.HasIndex(g => g.SubmissionKey).IsUnique();
            e.HasIndex(g => g.StatusTokenHash).IsUnique();
            e.HasIndex(g => new { g.Status, g.ExpiresAt });
            e.HasOne(g => g.City).WithMany().HasForeignKey(g => g.CityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(g => g.Members).WithOne(m => m.Group).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(g => g.Events).WithOne().HasForeignKey(ev => ev.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.Property(g => g.WithdrawnReason).HasMaxLength(Limits.Reason);
            e.Property(g => g.AccessibilityOffered).HasMaxLength(200);
            e.Property(g => g.Traits).HasMaxLength(200);
            e.Property(g => g.Wishes).HasMaxLength(200);
            e.Property(g => g.ConcurrencyStamp).IsConcurrencyToken();
            e.HasIndex(g => new { g.CityId, g.Status });
            // The back office's lists open newest first.
            e.HasIndex(g => g.CreatedAt);
            // No foreign key to the user: adding one would rebuild the Groups table in SQLite. Erasure clears it.
            e.HasIndex(g => g.CommunityBuilderId);
            e.HasIndex(g => g.NewcomerHouseholdId);
            // The dashboard's attention list reads only this index, never the groups' rows: groups in a
            // status (without a community builder), oldest first, with the dates compared and the key.
            e.HasIndex(g => new { g.Status, g.CommunityBuilderId, g.CreatedAt, g.CityId, g.CompletedAt, g.ReadyAt, g.Id })
                .HasDatabaseName("IX_Groups_Attention");
        });

        builder.Entity<GroupEvent>(e =>
        {
            e.Property(ev => ev.ByName).HasMaxLength(Limits.Name);
            e.Property(ev => ev.Kind).HasMaxLength(40);
            e.Property(ev => ev.Detail).HasMaxLength(200);
            e.Property(ev => ev.Reason).HasMaxLength(Limits.Reason);
            e.HasIndex(ev => new { ev.GroupId, ev.At });
        });

        builder.Entity<NewcomerHousehold>(e =>
        {
            e.Property(h => h.Label).HasMaxLength(100);
            e.Property(h => h.ContactLanguage).HasMaxLength(10);
            e.Property(h => h.ContactEmail).HasMaxLength(Limits.Email);
            e.HasIndex(h => h.ContactEmail);
            e.HasIndex(h => h.UserId);
            // The newcomer list's default order: waiting first, oldest first.
            e.HasIndex(h => new { h.Status, h.CreatedAt });
            e.Property(h => h.CurrentLocation).HasMaxLength(200);
            e.Property(h => h.HousingAddress).HasMaxLength(200);
            // Ciphertext (base64 of the UTF-8 text, IV and MAC), several times longer than the text: no length limit.
            e.Property(h => h.HealthAndAccessibility).HasConversion(SealedText.Converter);
            e.Property(h => h.AsylumBackground).HasConversion(SealedText.Converter);
            e.Property(h => h.AccessibilityNeeds).HasConversion(SealedText.Converter);
            e.Property(h => h.Traits).HasMaxLength(200);
            e.Property(h => h.Wishes).HasMaxLength(200);
            e.Property(h => h.CreatedBy).HasMaxLength(Limits.Name);
            e.Property(h => h.ProfileConsentBy).HasMaxLength(Limits.Name);
            e.Property(h => h.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne(h => h.City).WithMany().HasForeignKey(h => h.CityId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(h => h.People).WithOne().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(h => new { h.CityId, h.Status });
        });

        builder.Entity<NewcomerPerson>(e =>
        {
            e.Property(p => p.FirstName).HasMaxLength(Limits.Name);
            e.Property(p => p.Languages).HasMaxLength(200);
            e.Property(p => p.Education).HasMaxLength(500);
            e.Property(p => p.WorkExperience).HasMaxLength(500);
            e.Property(p => p.Goals).HasMaxLength(500);
            e.Property(p => p.GoalSectors).HasMaxLength(500);
            e.Property(p => p.Interests).HasMaxLength(500);
        });

        builder.Entity<AuditEvent>(e =>
        {
            e.Property(x => x.ByName).HasMaxLength(Limits.Name);
            e.Property(x => x.Subject).HasMaxLength(20);
            e.Property(x => x.SubjectId).HasMaxLength(40);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Fields).HasMaxLength(500);
            e.HasIndex(x => new { x.Subject, x.SubjectId, x.At });
        });

        builder.Entity<Features.Privacy.AccessLogEntry>(e =>
        {
            e.ToTable("AccessLog");
            e.Property(x => x.ByName).HasMaxLength(Limits.Name);
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.Subject).HasMaxLength(20);
            e.Property(x => x.SubjectId).HasMaxLength(40);
            e.Property(x => x.Fields).HasMaxLength(500);
            e.HasIndex(x => new { x.Subject, x.SubjectId, x.At });
            e.HasIndex(x => x.At);
        });

        builder.Entity<Infrastructure.Security.RateLimitCounter>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(44);
            e.HasIndex(x => x.WindowNumber);
        });

        builder.Entity<Infrastructure.Jobs.JobLease>(e =>
        {
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(40);
            e.Property(x => x.Holder).HasMaxLength(200);
        });

        builder.Entity<SignInLink>(e =>
        {
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.UserId, x.CreatedAt });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ExportLog>(e =>
        {
            e.Property(x => x.ByName).HasMaxLength(Limits.Name);
            e.Property(x => x.What).HasMaxLength(60);
            e.Property(x => x.Filter).HasMaxLength(500);
        });

        builder.Entity<GroupMember>(e =>
        {
            e.Property(m => m.Name).HasMaxLength(Limits.Name);
            e.Property(m => m.Email).HasMaxLength(Limits.Email);
            e.Property(m => m.ActiveEmail).HasMaxLength(Limits.Email);
            e.Property(m => m.Phone).HasMaxLength(Limits.Phone);
            e.Property(m => m.Postcode).HasMaxLength(7);
            e.Property(m => m.Municipality).HasMaxLength(Limits.Municipality);
            e.Property(m => m.PreferredLanguage).HasMaxLength(5);
            e.Property(m => m.Occupation).HasMaxLength(Limits.Occupation);
            e.Property(m => m.NetworkSectors).HasMaxLength(500);
            e.Property(m => m.Interests).HasMaxLength(Limits.Interests);
            e.Property(m => m.Availability).HasMaxLength(200);
            e.Property(m => m.ConsentVersion).HasMaxLength(20);
            e.Property(m => m.ConfirmTokenHash).HasMaxLength(64);
            e.Property(m => m.VogCheckedBy).HasMaxLength(Limits.Name);
            // Null for members of groups that are no longer active; NULLs never collide in a unique index.
            e.HasIndex(m => m.ActiveEmail).IsUnique();
            e.HasIndex(m => m.ConfirmTokenHash).IsUnique();
            e.HasIndex(m => m.UserId);
            // The dashboard's "screening expired" looks for such a member (still in the group) in each
            // group in preparation, from this index alone.
            e.HasIndex(m => new { m.GroupId, m.VogCheckedOn, m.LeftAt });
            e.HasMany(m => m.Languages).WithOne().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MemberLanguage>(e =>
        {
            e.Property(l => l.Language).HasMaxLength(10);
            e.Property(l => l.Level).HasMaxLength(20);
        });

        builder.Entity<SignUpDraft>(e => e.HasIndex(d => d.UpdatedAt));

        builder.Entity<Features.Enquiries.Enquiry>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(Limits.Name);
            e.Property(x => x.Email).HasMaxLength(Limits.Email);
            e.Property(x => x.Phone).HasMaxLength(Limits.Phone);
            e.Property(x => x.Organisation).HasMaxLength(Limits.Name);
            e.Property(x => x.SpacePlace).HasMaxLength(Limits.Subject);
            e.Property(x => x.SpaceAccessibility).HasMaxLength(10);
            e.Property(x => x.Town).HasMaxLength(Limits.Municipality);
            e.Property(x => x.Subject).HasMaxLength(Limits.Subject);
            e.Property(x => x.Message).HasMaxLength(Limits.Message);
            e.Property(x => x.Language).HasMaxLength(5);
            e.Property(x => x.StaffNote).HasMaxLength(Limits.Note);
            e.Property(x => x.UpdatedBy).HasMaxLength(Limits.Name);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Kind, x.Status });
            e.HasIndex(x => x.CityId);
            e.HasOne(x => x.City).WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Features.Stories.Story>(e =>
        {
            e.Property(x => x.Slug).HasMaxLength(100);
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.TitleNl).HasMaxLength(Limits.Title);
            e.Property(x => x.TitleEn).HasMaxLength(Limits.Title);
            e.Property(x => x.BodyNl).HasMaxLength(Limits.Message);
            e.Property(x => x.BodyEn).HasMaxLength(Limits.Message);
            e.Property(x => x.ConsentFrom).HasMaxLength(Limits.Name);
            e.Property(x => x.UpdatedBy).HasMaxLength(Limits.Name);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<Features.Donations.Donation>(e =>
        {
            e.Property(d => d.DonorName).HasMaxLength(Limits.Name);
            e.Property(d => d.DonorEmail).HasMaxLength(Limits.Email);
            e.Property(d => d.Language).HasMaxLength(5);
            e.Property(d => d.AccountHolder).HasMaxLength(Limits.Name);
            e.Property(d => d.Iban).HasMaxLength(34);
            e.Property(d => d.MandateId).HasMaxLength(35);
            e.HasIndex(d => d.MandateId).IsUnique();
            e.Property(d => d.ManageTokenHash).HasMaxLength(64);
            e.Property(d => d.StopReason).HasMaxLength(35);
            e.Property(d => d.AmendedFromIban).HasMaxLength(34);
            e.HasIndex(d => d.ManageTokenHash).IsUnique();
            e.HasIndex(d => new { d.Status, d.NextCollectionOn });
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasOne(d => d.City).WithMany().HasForeignKey(d => d.CityId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Features.Donations.Collection>(e =>
        {
            e.Property(c => c.EndToEndId).HasMaxLength(35);
            e.HasIndex(c => c.EndToEndId);
            e.Property(c => c.AmendedFromIban).HasMaxLength(34);
            e.Property(c => c.FailureCode).HasMaxLength(35);
            e.HasIndex(c => new { c.DonationId, c.DueOn }).IsUnique();
            e.HasOne(c => c.Donation).WithMany(d => d.Collections).HasForeignKey(c => c.DonationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(c => c.Run).WithMany(r => r.Collections).HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Features.Privacy.ConsentText>(e =>
        {
            e.ToTable("ConsentTexts");
            e.Property(c => c.Kind).HasMaxLength(40);
            e.Property(c => c.Version).HasMaxLength(20);
            e.Property(c => c.Language).HasMaxLength(10);
            e.Property(c => c.Sha256).HasMaxLength(64);
            e.HasIndex(c => c.Sha256).IsUnique();
        });

        builder.Entity<Features.Groups.GroupMember>().HasOne<Features.Privacy.ConsentText>().WithMany().HasForeignKey(m => m.ConsentTextId).OnDelete(DeleteBehavior.Restrict);
        builder.Entity<Features.Newcomers.NewcomerHousehold>().HasOne<Features.Privacy.ConsentText>().WithMany().HasForeignKey(h => h.ProfileConsentTextId).OnDelete(DeleteBehavior.Restrict);

        builder.Entity<Features.Donations.CollectionRun>(e =>
        {
            e.Property(r => r.MessageId).HasMaxLength(35);
            e.HasIndex(r => r.MessageId).IsUnique();
        });

        builder.Entity<Features.Matching.MatchingRun>(e =>
        {
            e.Property(r => r.CityIds).HasMaxLength(2000);
            e.Property(r => r.ByName).HasMaxLength(Limits.Name);
            e.HasIndex(r => r.At);
            e.HasMany(r => r.Proposals).WithOne().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Features.Matching.MatchProposal>(e =>
        {
            e.Property(p => p.DecidedBy).HasMaxLength(Limits.Name);
            e.Property(p => p.Reason).HasMaxLength(Limits.Reason);
            e.Property(p => p.Breakdown).HasMaxLength(1000);
            e.Property(p => p.Alternatives).HasMaxLength(1000);
            e.HasIndex(p => new { p.GroupId, p.Status });
            e.HasIndex(p => new { p.HouseholdId, p.Status });
        });

        builder.Entity<Features.Matching.PairRule>(e =>
        {
            e.Property(r => r.ByName).HasMaxLength(Limits.Name);
            e.Property(r => r.LiftedBy).HasMaxLength(Limits.Name);
            e.Property(r => r.Reason).HasMaxLength(Limits.Reason);
            e.HasIndex(r => new { r.GroupId, r.LiftedAt });
            e.HasIndex(r => new { r.HouseholdId, r.LiftedAt });
        });

        builder.Entity<OutboxMessage>(e =>
        {
            e.Property(o => o.ToAddress).HasMaxLength(Limits.Email);
            e.Property(o => o.ToName).HasMaxLength(Limits.Name);
            e.Property(o => o.Subject).HasMaxLength(300);
            e.Property(o => o.Language).HasMaxLength(5);
            e.Property(o => o.Reference).HasMaxLength(100);
            e.Property(o => o.LastError).HasMaxLength(1000);
            e.HasIndex(o => new { o.SentAt, o.NextAttemptAt });
            e.HasIndex(o => o.Reference);
        });
    }
}

/// <summary>SQLite: the default, a file in the data folder.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time type; store instants as sortable integers so queries can compare them.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverterUtc>();
    }
}

/// <summary>PostgreSQL: for production and several instances.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

/// <summary>Length limits of every field a person can type; the forms and the schema share them.</summary>
public static class Limits
{
    public const int Name = 100;
    public const int Email = 254;
    public const int Phone = 32;
    public const int Municipality = 100;
    public const int GroupName = 100;
    public const int Motivation = 2000;
    public const int Occupation = 100;
    public const int Interests = 500;
    public const int Subject = 150;
    public const int Message = 4000;
    public const int Reason = 500;
    public const int Title = 200;
    public const int Note = 2000;
    public const int Link = 500;
}
