using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Features.Trainings;

/// <summary>
/// A group's training record: per required module for its type, how many members attended against
/// how many must (every member, or at least N). When every required module is done, the group's
/// trainings item of the readiness rule is done (<see cref="Group.TrainingsDoneAt"/>).
/// </summary>
public static class TrainingRecord
{
    public sealed record Line(TrainingModule Module, int Attended, int Needed)
    {
        public bool Done => Attended >= Needed;
    }

    public static async Task<IReadOnlyList<Line>> ForAsync(AppDbContext db, Group group, CancellationToken ct)
    {
        var members = group.Members.Where(m => m.Present).Select(m => m.Id).ToList();
        var modules = await db.TrainingModules.AsNoTracking()
            .Where(m => m.Required && (m.GroupType == null || m.GroupType == group.Type))
            .OrderBy(m => m.SortOrder).ToListAsync(ct);
        var attended = await db.TrainingRegistrations.AsNoTracking()
            .Where(r => members.Contains(r.MemberId) && r.Attended == true)
            .Join(db.TrainingSessions, r => r.SessionId, s => s.Id, (r, s) => new { s.ModuleId, r.MemberId })
            .Distinct()
            .ToListAsync(ct);
        return [.. modules.Select(m => new Line(
            m,
            attended.Count(a => a.ModuleId == m.Id),
            Math.Min(m.MinimumMembers ?? members.Count, members.Count)))];
    }

    /// <summary>Sets or clears the group's trainings item from its record; true when it changed.</summary>
    public static async Task<bool> UpdateAsync(AppDbContext db, Group group, DateTimeOffset now, CancellationToken ct)
    {
        var lines = await ForAsync(db, group, ct);
        var done = group.Members.Any(m => m.Present) && lines.All(l => l.Done);
        if (done == group.TrainingsDoneAt is not null)
        {
            return false;
        }

        group.TrainingsDoneAt = done ? now : null;
        group.ConcurrencyStamp = Guid.NewGuid();
        return true;
    }
}
