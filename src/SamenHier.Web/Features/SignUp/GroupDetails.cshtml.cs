using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

public sealed class GroupDetailsModel(SignUpDraftStore drafts, SignUpService signUp, AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider time)
    : SignUpPageModel(drafts, signUp, db, t, time)
{
    [BindProperty]
    public string? GroupName { get; set; }

    [BindProperty]
    public string? Motivation { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (await MissingStepAsync(SignUpStep.Group, ct) is { } missing)
        {
            return ToStep(missing);
        }

        GroupName = Form.GroupName;
        Motivation = Form.Motivation;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        NoteHoneypot();
        if (await MissingStepAsync(SignUpStep.Group, ct) is { } missing)
        {
            return ToStep(missing);
        }

        Check(nameof(GroupName), GroupName, Limits.GroupName, required: false, multiline: false);
        Check(nameof(Motivation), Motivation, Limits.Motivation, required: true, multiline: true);
        // Keep what was typed even when it has an error, so nothing is lost if the visitor leaves.
        Form.GroupName = GroupName;
        Form.Motivation = Motivation;
        Form.GroupStepDone = ModelState.IsValid;
        await SaveAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        return ToStep(ReturnStep(Request.Query["terug"]) ?? (Form.Members.Count == 0 ? "/aanmelden/lid/1" : "/aanmelden/leden"));
    }

    private void Check(string field, string? value, int max, bool required, bool multiline) =>
        this.CheckText(T, field, value, max, required ? $"Error_{field}_Required" : null, multiline);
}
