using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Portal;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.NewcomerPortal;

/// <summary>The newcomer writes in the group's diary, if they wish: what they did together, and who came.</summary>
[Authorize(Policy = Policies.Newcomer)]
public sealed class NewcomerDiaryModel(AppDbContext db, CurrentStaff me, YearService year, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    private Group? _group;

    [BindProperty]
    public string? On { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Hours { get; set; }

    [BindProperty]
    public List<string> Participants { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public IReadOnlyList<Choice> KindChoices => DiaryForm.KindChoices(t);

    public IReadOnlyList<Choice> ParticipantChoices => [.. (_group?.Members ?? []).Where(m => m.Present).Select(m => new Choice(m.Id.ToString(), NewcomerHomeModel.FirstName(m.Name)))];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        On = time.TodayInNetherlands().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var form = DiaryForm.Check(this, t, time.TodayInNetherlands(), On, Kind, Hours, Note);
        var participants = DiaryForm.Participants(this, t, Participants, _group!);

        if (form is null || !ModelState.IsValid)
        {
            return Page();
        }

        var label = await db.NewcomerHouseholds.Where(h => h.UserId == me.Id).Select(h => h.Label).FirstAsync(ct);
        var input = new YearService.EntryInput(form.Value.On, form.Value.Kind, form.Value.Minutes, TextRules.Clean(Note), true, participants);
        return await year.AddEntryAsync(PortalScope.NewcomerGroups(db, me.Id), _group!.Id, input, me.Id, label, byNewcomer: true, ct) == Plans.Result.Done
            ? Redirect("/nieuwkomer?melding=opgeslagen")
            : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        _group = await PortalScope.NewcomerGroups(db, me.Id).AsNoTracking().Include(g => g.Members.OrderBy(m => m.Position)).FirstOrDefaultAsync(ct);
        return _group is not null && YearService.DiaryOpen(_group);
    }
}
