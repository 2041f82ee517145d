using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Backoffice;

/// <summary>
/// The back office's first page: per city, groups by stage, waiting times and newcomers waiting;
/// and the groups that need attention.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class HomeModel(CurrentStaff staff, UserManager<AppUser> users, AppDbContext db, StageTimes stageTimes, IOptions<ProgrammeOptions> programme, TimeProvider time) : PageModel
{
    /// <summary>A sign-up this close to expiring needs attention.</summary>
    public const int ExpiresWithinDays = 3;

    /// <summary>At most this many groups are listed as needing attention.</summary>
    public const int AttentionLimit = 100;

    public sealed record CityRow(string City, int Awaiting, int Preparing, int Ready, int InYear, int NewcomersWaiting, int? MedianPreparationDays, int? MedianMatchingDays, int? LongestReadyWaitDays);

    /// <summary>A group that needs attention; <see cref="Days"/> and <see cref="UsualDays"/> fill the reason's text.</summary>
    public sealed record Attention(Guid Id, string Name, string City, string ReasonKey, int Days, int UsualDays);

    public string Name { get; private set; } = "";

    public bool IsCoordinator { get; private set; }

    public IReadOnlyList<CityRow> Rows { get; private set; } = [];

    public IReadOnlyList<Attention> NeedsAttention { get; private set; } = [];

    public int VogValidMonths => programme.Value.VogValidMonths;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Name = (await staff.UserAsync(users))?.DisplayName ?? "";
        IsCoordinator = staff.IsCoordinator;
        var cityIds = await staff.CityIdsAsync(ct);
        var groups = await staff.GroupsAsync(ct);
        var now = time.GetUtcNow();
        var counts = await groups
            .GroupBy(g => new { g.CityId, g.Status })
            .Select(g => new { g.Key.CityId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var waiting = IsCoordinator
            ? await (await staff.HouseholdsAsync(ct)).Where(h => h.Status == NewcomerStatus.Waiting)
                .GroupBy(h => h.CityId).Select(g => new { CityId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.CityId, x => x.Count, ct)
            : [];

        // The whole history: a city with too little of its own borrows the programme's.
        var history = IsCoordinator ? await stageTimes.LoadAsync(null, ct) : new StageTimes.History([]);
        var longestReady = await groups
            .Where(g => g.Status == GroupStatus.ReadyToMatch && g.ReadyAt != null)
            .GroupBy(g => g.CityId)
            .Select(g => new { CityId = g.Key, Since = g.Min(x => x.ReadyAt) })
            .ToDictionaryAsync(x => x.CityId, x => x.Since, ct);

        // Groups waiting for a step longer than their city's usual time. Only a group past the shortest
        // usual time of any city in view can be past its own city's: the database returns those, and
        // each is compared with its own city here. These queries read only the attention index
        // (IX_Groups_Attention), never the groups' rows; names are read at the end for the groups
        // listed, at most AttentionLimit.
        var preparedBefore = now - TimeSpan.FromDays(Shortest(history, cityIds, StageTimes.Step.Preparation)) + Margin;
        var readyBefore = now - TimeSpan.FromDays(Shortest(history, cityIds, StageTimes.Step.Matching)) + Margin;
        var inStep = await groups
            .Where(g => (g.Status == GroupStatus.Complete && g.CompletedAt < preparedBefore)
                || (g.Status == GroupStatus.ReadyToMatch && g.ReadyAt < readyBefore))
            .Select(g => new { g.Id, g.CityId, g.Status, g.CompletedAt, g.ReadyAt, g.CreatedAt })
            .ToListAsync(ct);
        var cities = await db.Cities.AsNoTracking().Where(c => cityIds.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct);
        var counted = counts.ToDictionary(x => (x.CityId, x.Status), x => x.Count);
        int Count(int city, GroupStatus status) => counted.GetValueOrDefault((city, status));
        Rows = [.. cities.Select(c => new CityRow(
            c.Name,
            Count(c.Id, GroupStatus.AwaitingConfirmation),
            Count(c.Id, GroupStatus.Complete),
            Count(c.Id, GroupStatus.ReadyToMatch),
            Count(c.Id, GroupStatus.Matched) + Count(c.Id, GroupStatus.YearTogether),
            waiting.GetValueOrDefault(c.Id),
            IsCoordinator ? OwnMedian(history, c.Id, StageTimes.Step.Preparation) : null,
            IsCoordinator ? OwnMedian(history, c.Id, StageTimes.Step.Matching) : null,
            longestReady.GetValueOrDefault(c.Id) is { } since ? (int)(now - since).TotalDays : null))];

        var attention = new List<Reason>();
        foreach (var g in inStep)
        {
            var (step, since) = g.Status == GroupStatus.Complete ? (StageTimes.Step.Preparation, g.CompletedAt) : (StageTimes.Step.Matching, g.ReadyAt);
            if (since is null)
            {
                continue;
            }

            var usual = history.UsualDays(g.CityId, step);
            var waited = (now - since.Value).TotalDays;
            if (waited > usual)
            {
                attention.Add(new Reason(g.CreatedAt, g.Id,
                    step == StageTimes.Step.Preparation ? "Attention_Stuck" : "Attention_WaitingLong", (int)waited, (int)Math.Round(usual)));
            }
        }

        var expiresBefore = now.AddDays(ExpiresWithinDays);
        attention.AddRange((await groups
            .Where(g => g.Status == GroupStatus.AwaitingConfirmation && g.ExpiresAt < expiresBefore)
            .OrderBy(g => g.ExpiresAt)
            .Select(g => new { g.Id, g.CreatedAt })
            .Take(AttentionLimit)
            .ToListAsync(ct))
            .Select(g => new Reason(g.CreatedAt, g.Id, "Attention_Expiring", ExpiresWithinDays, 0)));

        if (IsCoordinator)
        {
            // Screening is for coordinators only: community builders never see it.
            var vogBefore = time.TodayInNetherlands().AddMonths(-VogValidMonths);
            attention.AddRange((await groups
                .Where(g => g.Status == GroupStatus.Complete || g.Status == GroupStatus.ReadyToMatch || g.Status == GroupStatus.Matched)
                .Where(g => g.Members.Any(m => m.VogCheckedOn != null && m.VogCheckedOn < vogBefore && m.LeftAt == null))
                // Not ordered and limited in the database: PostgreSQL would then walk every group by
                // date hoping to find a hundred soon, where few or none qualify (13 ms instead of 2).
                .Select(g => new { g.Id, g.CreatedAt })
                .ToListAsync(ct))
                .Select(g => new Reason(g.CreatedAt, g.Id, "Attention_VogExpired", VogValidMonths, 0)));

            attention.AddRange((await groups
                .Where(g => g.Status == GroupStatus.ReadyToMatch || g.Status == GroupStatus.Matched || g.Status == GroupStatus.YearTogether)
                .Where(g => g.CommunityBuilderId == null)
                .OrderBy(g => g.CreatedAt)
                .Select(g => new { g.Id, g.CreatedAt })
                .Take(AttentionLimit)
                .ToListAsync(ct))
                .Select(g => new Reason(g.CreatedAt, g.Id, "Attention_NoBuilder", 0, 0)));
        }

        // Oldest group first; the key breaks ties, so the list and its cut are the same on every view.
        var listed = attention.OrderBy(a => a.Since).ThenBy(a => a.Id).Take(AttentionLimit).ToList();
        var ids = listed.Select(a => a.Id).Distinct().ToList();
        Dictionary<Guid, (string? Name, string City)> names = ids.Count == 0 ? [] : await groups
            .Where(g => ids.Contains(g.Id))
            .Select(g => new { g.Id, g.Name, City = g.City!.Name })
            .ToDictionaryAsync(g => g.Id, g => (g.Name, g.City), ct);
        NeedsAttention = [.. listed
            .Where(a => names.ContainsKey(a.Id))
            .Select(a => new Attention(a.Id, names[a.Id].Name ?? "", names[a.Id].City, a.ReasonKey, a.Days, a.UsualDays))];
    }

    /// <summary>A group's reason for attention before its name is read; listed oldest group first.</summary>
    private sealed record Reason(DateTimeOffset Since, Guid Id, string ReasonKey, int Days, int UsualDays);

    /// <summary>Some slack for the rounding of days into times: the database's filter may only let more through.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>The shortest usual time of this step in any city in view.</summary>
    private static double Shortest(StageTimes.History history, IReadOnlyList<int> cityIds, StageTimes.Step step) =>
        cityIds.Count == 0 ? StageTimes.FallbackUsualDays(step) : cityIds.Min(c => history.UsualDays(c, step));

    /// <summary>The city's own median, never the programme's: the table compares cities.</summary>
    private static int? OwnMedian(StageTimes.History history, int cityId, StageTimes.Step step) =>
        history.For(cityId, step, out var wholeProgramme).Count >= StageTimes.MinimumSample && !wholeProgramme
            ? history.MedianDays(cityId, step)
            : null;

    public string GroupLink(Guid id) => IsCoordinator ? $"/beheer/groepen/{id}" : $"/beheer/mijn-groepen/{id}";
}
