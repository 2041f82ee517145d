using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Portal;

/// <summary>The group's diary: what the group did, with whom and for how long; a member adds an entry from a phone.</summary>
[Authorize(Policy = Policies.GroupMember)]
public sealed class GroupDiaryModel(AppDbContext db, CurrentStaff me, YearService year, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public Group? Group { get; private set; }

    public IReadOnlyList<DiaryEntry> Entries { get; private set; } = [];

    public string? Notice { get; private set; }

    public Guid MyUserId => me.Id;

    [BindProperty]
    public string? On { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Hours { get; set; }

    [BindProperty]
    public List<string> Participants { get; set; } = [];

    [BindProperty]
    public List<string> Newcomer { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public IReadOnlyList<Choice> KindChoices => DiaryForm.KindChoices(t);

    public IReadOnlyList<Choice> ParticipantChoices => [.. (Group?.Members ?? []).Where(m => m.Present).Select(m => new Choice(m.Id.ToString(), m.Name))];

    public IReadOnlyList<Choice> NewcomerChoices => [new("yes", t["Diary_NewcomerTookPart"])];

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding is "opgeslagen" ? "Diary_Saved" : melding is "verwijderd" ? "Diary_Deleted" : null;
        await LoadAsync(ct);
        On = time.TodayInNetherlands().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Group?.Members.FirstOrDefault(m => m.UserId == me.Id) is { } mine)
        {
            Participants = [mine.Id.ToString()];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Group is null || !YearService.DiaryOpen(Group))
        {
            return NotFound();
        }

        var form = DiaryForm.Check(this, t, time.TodayInNetherlands(), On, Kind, Hours, Note);
        var participants = DiaryForm.Participants(this, t, Participants, Group);

        if (form is null || !ModelState.IsValid)
        {
            return Page();
        }

        var name = Group.Members.First(m => m.UserId == me.Id).Name;
        var input = new YearService.EntryInput(form.Value.On, form.Value.Kind, form.Value.Minutes, TextRules.Clean(Note), Newcomer.Contains("yes"), participants);
        if (await year.AddEntryAsync(PortalScope.MemberGroups(db, me.Id), Group.Id, input, me.Id, name, byNewcomer: false, ct) != Plans.Result.Done)
        {
            this.AddError(nameof(On), t["Error_NotAllowed"]);
            return Page();
        }

        return Redirect("/mijn-groep/dagboek?melding=opgeslagen");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid entry, CancellationToken ct)
    {
        await LoadAsync(ct);
        return Group is not null && await year.DeleteEntryAsync(PortalScope.MemberGroups(db, me.Id), Group.Id, entry, me.Id, ct) == Plans.Result.Done
            ? Redirect("/mijn-groep/dagboek?melding=verwijderd")
            : NotFound();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Group = await PortalScope.MemberGroupAsync(db, me.Id, ct);
        if (Group is not null)
        {
            Entries = await year.DiaryAsync(Group.Id, 100, ct);
        }
    }
}

/// <summary>The checks of the diary form, shared by the members' and the newcomer's diary.</summary>
public static class DiaryForm
{
    public static IReadOnlyList<Choice> KindChoices(IStringLocalizer t) => [.. Enum.GetValues<DiaryKind>().Select(k => new Choice(k.ToString(), t[$"DiaryKind_{k}"]))];

    /// <summary>Hours as people type them: "1,5", "1.5", "2" (a quarter of an hour at least, a day at most).</summary>
    public static int? Minutes(string? hours)
    {
        var text = hours?.Trim().Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= 0.25m && value * 60 <= YearService.MaxMinutes
            ? (int)Math.Round(value * 60)
            : null;
    }

    /// <summary>The members who took part, as ids; an id that is not a member of the group is an error on the field.</summary>
    public static List<Guid> Participants(PageModel page, IStringLocalizer t, IEnumerable<string> values, Group group)
    {
        var ids = values.Select(p => Guid.TryParse(p, out var id) ? id : Guid.Empty).ToList();
        if (ids.Any(p => !group.Members.Any(m => m.Id == p && m.Present)))
        {
            page.AddError("Participants", t["Error_Choice_Unknown"]);
        }

        return ids;
    }

    public static (DateOnly On, DiaryKind Kind, int Minutes)? Check(PageModel page, IStringLocalizer t, DateOnly today, string? on, string? kind, string? hours, string? note)
    {
        var ok = true;
        if (!DateOnly.TryParseExact(on?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date > today || date < today.AddYears(-2))
        {
            page.AddError("On", t["Error_Diary_Date"]);
            ok = false;
        }

        if (!Enum.TryParse<DiaryKind>(kind, out var parsed) || !Enum.IsDefined(parsed))
        {
            page.AddError("Kind", t["Error_Diary_Kind"]);
            ok = false;
        }

        var minutes = Minutes(hours);
        if (minutes is null)
        {
            page.AddError("Hours", t["Error_Diary_Hours"]);
            ok = false;
        }

        ok &= page.CheckText(t, "Note", note, Limits.Note, null, multiline: true);
        return ok ? (date, parsed, minutes!.Value) : null;
    }
}
