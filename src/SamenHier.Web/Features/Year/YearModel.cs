using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.Year;

/// <summary>The tables of the year together: plans, templates, knowledge base, diary, check-ins, signals and reviews.</summary>
public static class YearModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PlanTask>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Notes).HasMaxLength(Limits.Note);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Owners).WithOne().HasForeignKey(o => o.TaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.GroupId, x.Section, x.Position });
        });

        builder.Entity<PlanTaskOwner>(e =>
        {
            e.HasKey(x => new { x.TaskId, x.MemberId });
            e.HasOne<GroupMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PlanGoal>(e =>
        {
            e.HasKey(x => new { x.GroupId, x.Section });
            e.Property(x => x.Text).HasMaxLength(Limits.Note);
            e.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TemplateTask>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CityId, x.GroupType, x.Section, x.Position });
        });

        builder.Entity<KnowledgeArticle>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(Limits.Title);
            e.Property(x => x.Body).HasMaxLength(Limits.Message);
            e.Property(x => x.Link).HasMaxLength(Limits.Link);
            e.Property(x => x.UpdatedBy).HasMaxLength(Limits.Name);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CityId, x.Section });
        });

        builder.Entity<DiaryEntry>(e =>
        {
            e.Property(x => x.Note).HasMaxLength(Limits.Note);
            e.Property(x => x.ByName).HasMaxLength(Limits.Name);
            e.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.EntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.GroupId, x.On });
        });

        builder.Entity<DiaryParticipant>(e =>
        {
            e.HasKey(x => new { x.EntryId, x.MemberId });
            e.HasOne<GroupMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CheckIn>(e =>
        {
            e.Property(x => x.Needs).HasMaxLength(Limits.Note);
            e.Property(x => x.Concerns).HasMaxLength(Limits.Note);
            e.Property(x => x.Notes).HasMaxLength(Limits.Note);
            e.Property(x => x.ByName).HasMaxLength(Limits.Name);
            e.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            // One check-in per milestone and side: a second submission cannot add a duplicate.
            e.HasIndex(x => new { x.GroupId, x.With, x.Milestone }).IsUnique();
        });

        builder.Entity<Signal>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(Limits.Note);
            e.Property(x => x.CreatedBy).HasMaxLength(Limits.Name);
            e.Property(x => x.ResolvedBy).HasMaxLength(Limits.Name);
            e.Property(x => x.Resolution).HasMaxLength(Limits.Reason);
            e.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
            e.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CityId, x.ResolvedAt });
            e.HasIndex(x => x.GroupId);
            e.HasIndex(x => x.HouseholdId);
        });

        builder.Entity<YearReview>(e =>
        {
            e.Property(x => x.Going).HasMaxLength(Limits.Note);
            e.Property(x => x.Continues).HasMaxLength(Limits.Note);
            e.Property(x => x.ByName).HasMaxLength(Limits.Name);
            e.HasOne<Group>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.GroupId, x.Kind }).IsUnique();
        });

        builder.Entity<SentReminder>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(120);
            e.HasIndex(x => x.SentAt);
        });
    }
}
