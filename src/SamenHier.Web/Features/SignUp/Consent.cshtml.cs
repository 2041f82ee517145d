using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

public sealed class ConsentModel(SignUpDraftStore drafts, SignUpService signUp, AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider time)
    : SignUpPageModel(drafts, signUp, db, t, time)
{
    [BindProperty]
    public string? Consent { get; set; }

    public IReadOnlyList<Choice> Options => [new Choice("yes", T["SignUp_Consent_Agree", Settings.PrivacyStatementVersion])];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (await MissingStepAsync(SignUpStep.Consent, ct) is { } missing)
        {
            return ToStep(missing);
        }

        Consent = Form.Consent ? "yes" : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        NoteHoneypot();
        if (await MissingStepAsync(SignUpStep.Consent, ct) is { } missing)
        {
            return ToStep(missing);
        }

        Form.Consent = Consent == "yes";
        await SaveAsync(ct);
        if (!Form.Consent)
        {
            this.AddError(nameof(Consent), T["Error_Consent_Required"]);
            return Page();
        }

        return ToStep("/aanmelden/controleren");
    }
}
