using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

public enum SignUpStep
{
    City = 1,
    GroupType = 2,
    Group = 3,
    Members = 4,
    Consent = 5,
    Check = 6,
}

/// <summary>
/// What the steps of the sign-up share: the draft, the order of the steps (no step before the ones
/// it depends on), the honeypot, and turning rule errors into the error summary.
/// </summary>
[AllowAnonymous]
public abstract class SignUpPageModel(SignUpDraftStore drafts, SignUpService signUp, AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider time) : PageModel
{
    protected SignUpForm Form { get; private set; } = new();

    protected SignUpDraftStore Drafts => drafts;

    protected SignUpService SignUp => signUp;

    protected AppDbContext Db => db;

    protected IStringLocalizer<SharedResource> T => t;

    protected TimeProvider Time => time;

    public SignUpOptions Settings => signUp.Settings;

    protected async Task LoadAsync(CancellationToken ct) => Form = await drafts.LoadAsync(HttpContext, ct);

    protected Task SaveAsync(CancellationToken ct) => drafts.SaveAsync(HttpContext, Form, ct);

    protected void NoteHoneypot()
    {
        if (Request.HasFormContentType && !string.IsNullOrEmpty(Request.Form["website"]))
        {
            Form.LooksAutomated = true;
        }
    }

    protected Task<City?> SelectedCityAsync(CancellationToken ct) =>
        Form.City is null ? Task.FromResult<City?>(null) : db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == Form.City, ct);

    protected static GroupType? ParseType(string? value) =>
        Enum.TryParse<GroupType>(value, ignoreCase: false, out var type) && Enum.IsDefined(type) ? type : null;

    /// <summary>The page of the first step before <paramref name="step"/> that is not done, or null.</summary>
    protected async Task<string?> MissingStepAsync(SignUpStep step, CancellationToken ct)
    {
        var city = await SelectedCityAsync(ct);
        if (step > SignUpStep.City && (city is null || !city.OpenGroupTypes().Any()))
        {
            return "/aanmelden/stad";
        }

        if (step > SignUpStep.GroupType && (ParseType(Form.GroupType) is not { } type || !city!.IsOpenFor(type)))
        {
            return "/aanmelden/soort";
        }

        if (step > SignUpStep.Group && !Form.GroupStepDone)
        {
            return "/aanmelden/groep";
        }

        if (step > SignUpStep.Members && (Form.Members.Count < Settings.MinMembers || Form.Members.Count > Settings.MaxMembers || !MembersValid()))
        {
            return "/aanmelden/leden";
        }

        if (step > SignUpStep.Consent && !Form.Consent)
        {
            return "/aanmelden/toestemming";
        }

        return null;
    }

    protected bool MembersValid()
    {
        var today = time.TodayInNetherlands();
        return Form.Members.All(m => MemberRules.Check(m, today).Member is not null);
    }

    protected void AddErrors(string prefix, IEnumerable<FieldError> errors)
    {
        // Values live in the bound model; the state holds only errors, so the summary follows field order.
        this.ClearErrors();
        foreach (var error in errors)
        {
            this.AddError($"{prefix}.{error.Field}", t[error.MessageKey, error.Args]);
        }
    }

    protected IReadOnlyList<Choice> LanguageChoices() =>
        [.. SignUpOptions.Languages.Select(l => new Choice(l, t[$"Language_{l}"]))];

    /// <summary>Only a step of this journey may be returned to, never an outside address.</summary>
    protected static string? ReturnStep(string? back) => back == "controleren" ? "/aanmelden/controleren" : null;

    protected IActionResult ToStep(string path) => Redirect(path);
}
