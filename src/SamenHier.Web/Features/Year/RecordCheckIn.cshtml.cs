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

/// <summary>The community builder records a check-in with the group or with the newcomer: how it goes (1–5), needs, concerns, notes.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class RecordCheckInModel(CurrentStaff staff, UserManager<AppUser> users, YearService year, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public Group Group { get; private set; } = null!;

    public CheckInWith With { get; private set; }

    public Milestone Milestone { get; private set; }

    [BindProperty]
    public string? HeldOn { get; set; }

    [BindProperty]
    public string? Rating { get; set; }

    [BindProperty]
    public string? Needs { get; set; }

    [BindProperty]
    public string? Concerns { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    public IReadOnlyList<Choice> RatingChoices => [.. Enumerable.Range(1, 5).Reverse().Select(r => new Choice(r.ToString(CultureInfo.InvariantCulture), t[$"CheckIn_Rating{r}"]))];

    public async Task<IActionResult> OnGetAsync(Guid id, string with, string milestone, CancellationToken ct)
    {
        if (!await LoadAsync(id, with, milestone, ct))
        {
            return NotFound();
        }

        HeldOn = time.TodayInNetherlands().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string with, string milestone, CancellationToken ct)
    {
        if (!await LoadAsync(id, with, milestone, ct))
        {
            return NotFound();
        }

        var today = time.TodayInNetherlands();
        if (!DateOnly.TryParseExact(HeldOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var held) || held > today || held < Group.YearStartedOn)
        {
            this.AddError(nameof(HeldOn), t["Error_CheckIn_Date"]);
        }

        if (!int.TryParse(Rating, NumberStyles.None, CultureInfo.InvariantCulture, out var rating) || rating is < 1 or > 5)
        {
            this.AddError(nameof(Rating), t["Error_CheckIn_Rating"]);
        }

        this.CheckText(t, nameof(Needs), Needs, Limits.Note, null, multiline: true);
        this.CheckText(t, nameof(Concerns), Concerns, Limits.Note, null, multiline: true);
        this.CheckText(t, nameof(Notes), Notes, Limits.Note, null, multiline: true);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = await staff.UserAsync(users);
        var result = await year.RecordCheckInAsync(
            await staff.GroupsAsync(ct), id, With, Milestone,
            new YearService.CheckInInput(held, rating, TextRules.Clean(Needs), TextRules.Clean(Concerns), TextRules.Clean(Notes)),
            me?.Id ?? Guid.Empty, me?.DisplayName ?? "?", ct);
        switch (result)
        {
            case Plans.Result.Done:
                return Redirect($"/beheer/groepen/{id}/jaar?melding=opgeslagen#check-ins");
            case Plans.Result.NotFound:
                return NotFound();
            default:
                this.AddError(nameof(HeldOn), t["Error_CheckIn_NotOpen"]);
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, string with, string milestone, CancellationToken ct)
    {
        if (!Enum.TryParse<CheckInWith>(with, out var w) || !Enum.IsDefined(w) || !Enum.TryParse<Milestone>(milestone, out var m) || !Enum.IsDefined(m))
        {
            return false;
        }

        var group = await (await staff.GroupsAsync(ct)).AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, ct);
        if (group is not { Status: GroupStatus.YearTogether, YearStartedOn: not null })
        {
            return false;
        }

        (Group, With, Milestone) = (group, w, m);
        return true;
    }
}
