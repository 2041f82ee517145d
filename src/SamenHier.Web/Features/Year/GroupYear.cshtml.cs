using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Year;

/// <summary>
/// A group's year as staff follow it: the plan and its approval, the arrival date, the start and end
/// of the year, check-ins, signals, the group's health, the diary and the reviews. Coordinators (their
/// cities) and the group's community builder; approving and completing are for coordinators.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class GroupYearModel(
    AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, GroupJourney journey, Plans plans, YearService year, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public Group Group { get; private set; } = null!;

    public IReadOnlyList<PlanTask> Tasks { get; private set; } = [];

    public IReadOnlyDictionary<PlanSection, string> Goals { get; private set; } = new Dictionary<PlanSection, string>();

    public GroupHealth.Report Health { get; private set; } = new([], [], null);

    public IReadOnlyList<CheckIn> CheckIns { get; private set; } = [];

    public IReadOnlyList<Signal> Signals { get; private set; } = [];

    public IReadOnlyList<DiaryEntry> Diary { get; private set; } = [];

    public IReadOnlyList<YearReview> Reviews { get; private set; } = [];

    public bool IsCoordinator => staff.IsCoordinator;

    public DateOnly Today => time.TodayInNetherlands();

    public string? Notice { get; private set; }

    [BindProperty]
    public Guid Stamp { get; set; }

    [BindProperty]
    public string? ArrivalDate { get; set; }

    [BindProperty]
    public string? StartDate { get; set; }

    [BindProperty]
    public string? EndDate { get; set; }

    [BindProperty]
    public string? ReviewDate { get; set; }

    [BindProperty]
    public string? Going { get; set; }

    [BindProperty]
    public string? Continues { get; set; }

    public ReviewKind? OpenReview { get; private set; }

    public string MemberName(Guid id) => Group.Members.FirstOrDefault(m => m.Id == id)?.Name ?? "?";

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken ct)
    {
        Notice = melding is "opgeslagen" ? "GroupDetail_Saved" : null;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostArrivalAsync(Guid id, CancellationToken ct)
    {
        DateOnly? on = null;
        if (!string.IsNullOrWhiteSpace(ArrivalDate))
        {
            on = ParseDate(nameof(ArrivalDate), ArrivalDate, future: true);
            if (on is null)
            {
                return ActAsync(id, null, ct);
            }
        }

        return ActAsync(id, journey.SetArrivalAsync(id, Stamp, on, ct), ct, nameof(ArrivalDate));
    }

    public Task<IActionResult> OnPostStartYearAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, ParseDate(nameof(StartDate), StartDate, future: false) is { } on ? journey.StartYearAsync(id, Stamp, on, ct) : null, ct, nameof(StartDate));

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, staff.IsCoordinator && ParseDate(nameof(EndDate), EndDate, future: false) is { } on ? journey.CompleteYearAsync(id, Stamp, on, ct) : null, ct, nameof(EndDate));

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, staff.IsCoordinator ? journey.RecordPlanAsync(id, Stamp, ct) : Task.FromResult(GroupJourney.Result.NotAllowed), ct);

    public async Task<IActionResult> OnPostStartPlanAsync(Guid id, CancellationToken ct)
    {
        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        var result = await plans.StartAsync(await staff.GroupsAsync(ct), id, me, ct);
        return await ActAsync(id, Task.FromResult(Outcome(result)), ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, string? kind, CancellationToken ct)
    {
        if (!Enum.TryParse<ReviewKind>(kind, out var reviewKind) || !Enum.IsDefined(reviewKind))
        {
            return BadRequest();
        }

        var on = ParseDate(nameof(ReviewDate), ReviewDate, future: false);
        this.CheckText(t, nameof(Going), Going, Limits.Note, "Error_Review_Going", multiline: true);
        this.CheckText(t, nameof(Continues), Continues, Limits.Note, "Error_Review_Continues", multiline: true);
        if (on is null || !ModelState.IsValid)
        {
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        var result = await year.RecordReviewAsync(await staff.GroupsAsync(ct), id, reviewKind, on.Value, TextRules.Clean(Going)!, TextRules.Clean(Continues)!, me, ct);
        return await ActAsync(id, Task.FromResult(Outcome(result)), ct, nameof(Going));
    }

    private async Task<IActionResult> ActAsync(Guid id, Task<GroupJourney.Result>? action, CancellationToken ct, string field = "year")
    {
        var result = action is null || !ModelState.IsValid ? (GroupJourney.Result?)null : await action;
        switch (result)
        {
            case GroupJourney.Result.Done:
                return Redirect($"/beheer/groepen/{id}/jaar?melding=opgeslagen");
            case GroupJourney.Result.NotFound:
                return NotFound();
            case GroupJourney.Result.Conflict:
                this.AddError(field, t["Error_Conflict"]);
                break;
            case GroupJourney.Result.NotAllowed:
                this.AddError(field, t["Error_NotAllowed"]);
                break;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>The plans' and the year's outcomes, as the group journey's (one way to answer them all).</summary>
    private static GroupJourney.Result Outcome(Plans.Result result) => result switch
    {
        Plans.Result.Done => GroupJourney.Result.Done,
        Plans.Result.NotFound => GroupJourney.Result.NotFound,
        Plans.Result.Conflict => GroupJourney.Result.Conflict,
        _ => GroupJourney.Result.NotAllowed,
    };

    private DateOnly? ParseDate(string field, string? value, bool future)
    {
        if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on)
            && on.Year > 2000 && (future ? on <= Today.AddYears(3) : on <= Today))
        {
            return on;
        }

        this.AddError(field, t[future ? "Error_Date_Plan" : "Error_Date_Format"]);
        return null;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var group = await journey.FindAsync(id, ct);
        if (group is null)
        {
            return false;
        }

        Group = group;
        Stamp = group.ConcurrencyStamp;
        Tasks = await plans.TasksAsync(id, ct);
        Goals = await db.PlanGoals.Where(x => x.GroupId == id).ToDictionaryAsync(x => x.Section, x => x.Text, ct);
        Health = (await GroupHealth.ForGroupsAsync(db, [group], Today, ct))[id];
        CheckIns = await db.CheckIns.AsNoTracking().Where(c => c.GroupId == id).ToListAsync(ct);
        Signals = await db.Signals.AsNoTracking().Where(s => s.GroupId == id).OrderBy(s => s.ResolvedAt != null).ThenBy(s => s.FollowUpBy).ToListAsync(ct);
        Diary = await year.DiaryAsync(id, 50, ct);
        Reviews = await db.YearReviews.AsNoTracking().Where(r => r.GroupId == id).OrderBy(r => r.Kind).ToListAsync(ct);
        OpenReview = Enum.GetValues<ReviewKind>().Where(k => YearService.ReviewOpen(group, k, Today) && !Reviews.Any(r => r.Kind == k)).Cast<ReviewKind?>().FirstOrDefault();
        ArrivalDate ??= group.ArrivalOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        StartDate ??= (group.ArrivalOn is { } a && a <= Today ? a : Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        EndDate ??= Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ReviewDate ??= Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return true;
    }
}
