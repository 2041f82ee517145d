using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

/// <summary>One member per page: number 1 is the person signing up.</summary>
public sealed class MemberModel(SignUpDraftStore drafts, SignUpService signUp, AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider time)
    : SignUpPageModel(drafts, signUp, db, t, time)
{
    [BindProperty(SupportsGet = false)]
    public MemberInput Input { get; set; } = new();

    [FromRoute]
    public int Number { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (await GuardAsync(ct) is { } redirect)
        {
            return redirect;
        }

        Input = Number <= Form.Members.Count
            ? Form.Members[Number - 1]
            : new MemberInput { PreferredLanguage = LocalizationSetup.Current };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        NoteHoneypot();
        if (await GuardAsync(ct) is { } redirect)
        {
            return redirect;
        }

        var (_, errors) = MemberRules.Check(Input, Time.TodayInNetherlands());
        var email = Input.Email is null ? null : MemberRules.NormalizeEmail(Input.Email);
        if (email is not null && !errors.Any(e => e.Field == nameof(MemberInput.Email))
            && Form.Members.Where((m, i) => i != Number - 1).Any(m => m.Email is not null && MemberRules.NormalizeEmail(m.Email) == email))
        {
            errors.Add(new FieldError(nameof(MemberInput.Email), "Error_Email_TwiceInGroup"));
        }

        if (errors.Count > 0)
        {
            AddErrors(nameof(Input), errors.OrderBy(e => FieldOrder(e.Field)));
            return Page();
        }

        Input.Languages.RemoveAll(l => string.IsNullOrEmpty(l.Code) && string.IsNullOrEmpty(l.Level));
        if (Number <= Form.Members.Count)
        {
            Form.Members[Number - 1] = Input;
        }
        else
        {
            Form.Members.Add(Input);
        }

        await SaveAsync(ct);
        if (ReturnStep(Request.Query["terug"]) is { } back)
        {
            return ToStep(back);
        }

        return Number == Form.Members.Count && Number < Settings.MinMembers
            ? ToStep($"/aanmelden/lid/{Number + 1}")
            : ToStep("/aanmelden/leden");
    }

    private async Task<IActionResult?> GuardAsync(CancellationToken ct)
    {
        if (await MissingStepAsync(SignUpStep.Members, ct) is { } missing)
        {
            return ToStep(missing);
        }

        // A new member may only be the next one, and never beyond the maximum.
        if (Number < 1 || Number > Form.Members.Count + 1 || Number > Settings.MaxMembers)
        {
            return ToStep("/aanmelden/leden");
        }

        return null;
    }

    private static readonly string[] Order =
        ["Name", "Email", "Phone", "Postcode", "Municipality", "DateOfBirth", "PreferredLanguage", "Languages", "Occupation", "Sectors", "Interests", "Availability"];

    /// <summary>Errors appear in the summary in the order of the fields on the page.</summary>
    internal static int FieldOrder(string field)
    {
        var index = Array.FindIndex(Order, o => field.StartsWith(o, StringComparison.Ordinal));
        return index < 0 ? Order.Length : index;
    }
}
