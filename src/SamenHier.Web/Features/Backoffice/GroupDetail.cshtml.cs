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

namespace SamenHier.Web.Features.Backoffice;

/// <summary>One group: members, what is still missing before matching, the history, and the coordinator's actions.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class GroupDetailModel(AppDbContext db, StageTimes stageTimes, GroupJourney journey, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, Matching.MatchingService matching, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The household the group was matched with (in the viewer's scope).</summary>
    public Newcomers.NewcomerHousehold? Household { get; private set; }

    public async Task<IActionResult> OnPostProfileConsentAsync(Guid id, CancellationToken ct)
    {
        // Only the group's household id, within scope; the service checks the household's scope again.
        var householdId = await (await staff.GroupsAsync(ct)).Where(g => g.Id == id).Select(g => g.NewcomerHouseholdId).SingleOrDefaultAsync(ct);
        return householdId is not { } household
            ? NotFound()
            : await matching.RecordProfileConsentAsync(household, ct) switch
            {
                Matching.MatchingService.Outcome.Done or Matching.MatchingService.Outcome.NotAllowed => Redirect($"/beheer/groepen/{id}?melding=opgeslagen"),
                _ => NotFound(),
            };
    }

    public Group Group { get; private set; } = null!;

    /// <summary>Per required training module: how many members attended against how many must.</summary>
    public IReadOnlyList<Trainings.TrainingRecord.Line> TrainingRecord { get; private set; } = [];

    public IReadOnlyList<GroupReadiness.Item> Missing { get; private set; } = [];

    public GroupStage Stage { get; private set; }

    public StageTimes.Estimate? Next { get; private set; }

    /// <summary>The version of the group this form was made from.</summary>
    [BindProperty]
    public Guid Stamp { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    /// <summary>The date of a VOG check: its own field, so each date on the page has its own label.</summary>
    [BindProperty]
    public string? VogDate { get; set; }

    [BindProperty]
    public Guid Member { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Why the group stops, as a <see cref="WithdrawalReason"/>.</summary>
    [BindProperty]
    public string? ReasonCategory { get; set; }

    public IReadOnlyList<Choice> ReasonChoices => [.. Enum.GetValues<WithdrawalReason>().Select(r => new Choice(r.ToString(), t[$"WithdrawalReason_{r}"]))];

    public string? Notice { get; private set; }

    [BindProperty]
    public string? Builder { get; set; }

    /// <summary>The community builder at the group's side, if any.</summary>
    public CommunityBuilders.BuilderLoad.Row? CurrentBuilder { get; private set; }

    /// <summary>Community builders of the group's city, with how many groups they carry.</summary>
    public IReadOnlyList<CommunityBuilders.BuilderLoad.Row> Builders { get; private set; } = [];

    public IReadOnlyList<Choice> BuilderChoices =>
        [.. Builders.Select(b => new Choice(b.Id.ToString(), t["GroupDetail_BuilderOption", b.Name, b.Languages.Length > 0 ? b.Languages : "–", b.Current, b.Capacity]))];

    public string Today => time.TodayInNetherlands().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public IReadOnlyList<Choice> OutcomeChoices =>
        [new(nameof(VogOutcome.Cleared), t["Vog_Cleared"]), new(nameof(VogOutcome.NotCleared), t["Vog_NotCleared"])];

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Notice = melding is "opgeslagen" ? "GroupDetail_Saved" : null;
        return Page();
    }

    public Task<IActionResult> OnPostIntakeAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, ParseDate(nameof(Date), Date) is { } on ? journey.RecordIntakeAsync(id, Stamp, on, ct) : null, "Date", ct);

    public async Task<IActionResult> OnPostVogAsync(Guid id, CancellationToken ct)
    {
        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        var outcome = Enum.TryParse<VogOutcome>(Outcome, out var parsed) && parsed != VogOutcome.NotChecked ? parsed : (VogOutcome?)null;
        if (outcome is null)
        {
            this.AddError("Outcome", t["Error_Vog_Outcome"]);
        }

        var on = ParseDate(nameof(VogDate), VogDate);
        return await ActAsync(id, outcome is { } o && on is { } d ? journey.RecordVogAsync(id, Stamp, Member, o, d, me, ct) : null, nameof(VogDate), ct);
    }

    [BindProperty]
    public string? MaxHouseholdSize { get; set; }

    [BindProperty]
    public List<string> Accessibility { get; set; } = [];

    [BindProperty]
    public List<string> Children { get; set; } = [];

    public IReadOnlyList<Choice> AccessibilityChoices => [.. GroupOffer.AccessibilityKeys.Select(k => new Choice(k, t[$"Accessibility_{k}"]))];

    public IReadOnlyList<Choice> ChildrenChoices => [new("yes", t["GroupDetail_OfferChildren"])];

    [BindProperty]
    public List<string> Traits { get; set; } = [];

    [BindProperty]
    public List<string> Wishes { get; set; } = [];

    public IReadOnlyList<Choice> PreferenceChoices => [.. GroupOffer.PreferenceKeys.Select(k => new Choice(k, t[$"Preference_{k}"]))];

    public Task<IActionResult> OnPostOfferAsync(Guid id, CancellationToken ct)
    {
        if (!int.TryParse(MaxHouseholdSize?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1 || size > GroupOffer.MaxHouseholdSizeLimit)
        {
            this.AddError(nameof(MaxHouseholdSize), t["Error_HouseholdSize", GroupOffer.MaxHouseholdSizeLimit]);
        }

        if (Accessibility.Any(a => !GroupOffer.AccessibilityKeys.Contains(a)))
        {
            this.AddError(nameof(Accessibility), t["Error_Choice_Unknown"]);
        }

        foreach (var (field, values) in new[] { (nameof(Traits), Traits), (nameof(Wishes), Wishes) })
        {
            if (values.Any(v => !GroupOffer.PreferenceKeys.Contains(v)))
            {
                this.AddError(field, t["Error_Choice_Unknown"]);
            }
        }

        return ActAsync(id, ModelState.IsValid ? journey.RecordOfferAsync(id, Stamp, size, Accessibility, Children.Contains("yes"), Traits, Wishes, ct) : null, nameof(MaxHouseholdSize), ct);
    }

    public Task<IActionResult> OnPostReadyAsync(Guid id, CancellationToken ct) => ActAsync(id, journey.MarkReadyAsync(id, Stamp, ct), null, ct);

    public Task<IActionResult> OnPostBuilderAsync(Guid id, CancellationToken ct)
    {
        Guid? builder = Guid.TryParse(Builder, out var b) ? b : null;
        if (builder is null && !string.IsNullOrEmpty(Builder))
        {
            this.AddError("Builder", t["Error_Choice_Unknown"]);
        }

        return ActAsync(id, ModelState.IsValid ? journey.AssignBuilderAsync(id, Stamp, builder, ct) : null, "Builder", ct, "Error_BuilderNotAvailable");
    }

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        WithdrawalReason? category = Enum.TryParse<WithdrawalReason>(ReasonCategory, out var c) && Enum.IsDefined(c) && !int.TryParse(ReasonCategory, out _) ? c : null;
        if (category is null)
        {
            this.AddError(nameof(ReasonCategory), t["Error_WithdrawalReason"]);
        }

        var text = this.CheckText(t, "Reason", Reason, Limits.Reason, "Error_Reason_Required", multiline: true);
        return ActAsync(id, text && category is not null ? journey.WithdrawAsync(id, Stamp, category.Value, TextRules.Clean(Reason)!, ct) : null, "Reason", ct);
    }

    private async Task<IActionResult> ActAsync(Guid id, Task<GroupJourney.Result>? action, string? field, CancellationToken ct, string notAllowedKey = "Error_NotAllowed")
    {
        var result = action is null || !ModelState.IsValid ? (GroupJourney.Result?)null : await action;
        switch (result)
        {
            case GroupJourney.Result.Done:
                return Redirect($"/beheer/groepen/{id}?melding=opgeslagen");
            case GroupJourney.Result.NotFound:
                return NotFound();
            case GroupJourney.Result.Conflict:
                this.AddError(field ?? "history", t["Error_Conflict"]);
                break;
            case GroupJourney.Result.NotAllowed:
                this.AddError(field ?? "missing", t[notAllowedKey]);
                break;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private DateOnly? ParseDate(string field, string? value)
    {
        if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on)
            && on <= time.TodayInNetherlands() && on.Year > 2000)
        {
            return on;
        }

        this.AddError(field, t["Error_Date_Format"]);
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
        Missing = GroupReadiness.Missing(group);
        Stage = GroupReadiness.Stage(group);
        TrainingRecord = await Trainings.TrainingRecord.ForAsync(db, group, ct);
        Next = await stageTimes.NextStepAsync(group, ct);
        // A failed post shows the current version: the person sees the other's change and can act again.
        Stamp = group.ConcurrencyStamp;
        Date ??= Today;
        VogDate ??= Today;
        if (!Request.HasFormContentType || !Request.Form.ContainsKey(nameof(MaxHouseholdSize)))
        {
            // Not the offer form coming back with errors: show what is recorded.
            MaxHouseholdSize = group.MaxHouseholdSize?.ToString(CultureInfo.InvariantCulture);
            Accessibility = [.. group.AccessibilityOffered.Split(',', StringSplitOptions.RemoveEmptyEntries)];
            Children = group.ChildrenExperience ? ["yes"] : [];
            Traits = [.. group.Traits.Split(',', StringSplitOptions.RemoveEmptyEntries)];
            Wishes = [.. group.Wishes.Split(',', StringSplitOptions.RemoveEmptyEntries)];
        }
        // A disabled builder is no longer offered (the one assigned still shows, to be replaced).
        var builders = (await staff.CommunityBuildersAsync(ct))
            .Where(u => (u.DisabledAt == null && u.Cities.Any(c => c.CityId == group.CityId)) || u.Id == group.CommunityBuilderId);
        Builders = await CommunityBuilders.BuilderLoad.RowsAsync(db, builders.OrderBy(u => u.DisplayName), t, ct);
        // The assigned builder even if they no longer work in this city: the page must not say "none" while someone is.
        var assigned = group.CommunityBuilderId;
        CurrentBuilder = assigned is null ? null : (await CommunityBuilders.BuilderLoad.RowsAsync(db, db.Users.Where(u => u.Id == assigned), t, ct)).SingleOrDefault();
        Builder ??= group.CommunityBuilderId?.ToString();
        if (group.NewcomerHouseholdId is { } householdId)
        {
            var cities = await staff.CityIdsAsync(ct);
            Household = await db.NewcomerHouseholds.AsNoTracking().SingleOrDefaultAsync(h => h.Id == householdId && cities.Contains(h.CityId), ct);
        }

        return true;
    }
}
