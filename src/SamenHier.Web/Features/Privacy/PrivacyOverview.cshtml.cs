using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Privacy;

/// <summary>
/// For national staff (and the data protection officer they work with): who was shown restricted
/// fields or downloaded someone's data, and every export, newest first.
/// </summary>
[Authorize(Policy = Policies.NationalStaff)]
public sealed class PrivacyOverviewModel(AppDbContext db) : PageModel
{
    /// <summary>At most this many of each are listed.</summary>
    public const int Shown = 200;

    public sealed record AccessRow(DateTimeOffset At, string ByName, string Action, string Subject, string SubjectId, string? Record, IReadOnlyList<string> Fields);

    public sealed record ExportRow(DateTimeOffset At, string ByName, string What, int Rows);

    public IReadOnlyList<AccessRow> Access { get; private set; } = [];

    public IReadOnlyList<ExportRow> Exports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var entries = await db.AccessLog.AsNoTracking().OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Shown).ToListAsync(ct);
        var householdIds = entries.Where(e => e.Subject == "newcomer").Select(e => Guid.TryParseExact(e.SubjectId, "N", out var id) ? id : Guid.Empty).Distinct().ToList();
        var labels = await db.NewcomerHouseholds.AsNoTracking().Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id.ToString("N"), h => h.Label, ct);
        var memberIds = entries.Where(e => e.Subject == "member").Select(e => Guid.TryParseExact(e.SubjectId, "N", out var id) ? id : Guid.Empty).Distinct().ToList();
        var names = await db.GroupMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id.ToString("N"), m => m.Name, ct);
        Access = [.. entries.Select(e => new AccessRow(
            e.At, e.ByName, e.Action, e.Subject, e.SubjectId,
            e.Subject == "newcomer" ? labels.GetValueOrDefault(e.SubjectId) : names.GetValueOrDefault(e.SubjectId),
            (e.Fields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)))];
        Exports = await db.ExportLogs.AsNoTracking().OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Take(Shown)
            .Select(x => new ExportRow(x.At, x.ByName, x.What, x.Rows)).ToListAsync(ct);
    }
}
