using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

/// <summary>Check your answers, then submit: one group per submission, however often it is posted.</summary>
public sealed class CheckModel(
    SignUpDraftStore drafts,
    SignUpService signUp,
    AppDbContext db,
    IStringLocalizer<SharedResource> t,
    TimeProvider time,
    SubmissionRateLimiter limiter,
    ILogger<CheckModel> logger) : SignUpPageModel(drafts, signUp, db, t, time)
{
    public SignUpForm Answers => Form;

    public string CityName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (await MissingStepAsync(SignUpStep.Check, ct) is { } missing)
        {
            return ToStep(missing);
        }

        CityName = (await SelectedCityAsync(ct))!.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid submissionKey, CancellationToken ct)
    {
        // A second post of the same form (double click, network retry) finds the group made by the first.
        if (submissionKey != Guid.Empty && await Db.Groups.AnyAsync(g => g.SubmissionKey == submissionKey, ct))
        {
            return ToStep("/aanmelden/verstuurd");
        }

        await LoadAsync(ct);
        if (Drafts.StartedAt is null)
        {
            // No draft: the first of two simultaneous posts may have just turned it into the group.
            return submissionKey != Guid.Empty && await Db.Groups.AnyAsync(g => g.SubmissionKey == submissionKey, ct)
                ? ToStep("/aanmelden/verstuurd")
                : ToStep("/aanmelden");
        }

        NoteHoneypot();
        if (await MissingStepAsync(SignUpStep.Check, ct) is { } missing)
        {
            return ToStep(missing);
        }

        var city = (await SelectedCityAsync(ct))!;
        CityName = city.Name;

        var startedAt = Drafts.StartedAt ?? Time.GetUtcNow();
        var tooFast = Time.GetUtcNow() - startedAt < TimeSpan.FromSeconds(Settings.MinimumSecondsToComplete);
        if (Form.LooksAutomated || tooFast || submissionKey != Form.SubmissionKey)
        {
            // Dropped quietly: a bot learns nothing from the answer.
            logger.LogInformation("Sign-up dropped as automated (honeypot: {Honeypot}, too fast: {TooFast}).", Form.LooksAutomated, tooFast);
            Drafts.Discard();
            await Db.SaveChangesAsync(ct);
            SignUpDraftStore.ForgetCookie(HttpContext);
            return ToStep("/aanmelden/verstuurd");
        }

        if (!await limiter.TryAcquireAsync("sign-up", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var today = Time.TodayInNetherlands();
        var members = Form.Members.Select(m => MemberRules.Check(m, today).Member!).ToList();
        var taken = await SignUp.EmailsInActiveGroupsAsync(members.Select(m => m.Email), ct);
        if (taken.Count > 0)
        {
            if (await Db.Groups.AnyAsync(g => g.SubmissionKey == submissionKey, ct))
            {
                return ToStep("/aanmelden/verstuurd"); // Taken by this very form, posted twice at once.
            }

            for (var i = 0; i < members.Count; i++)
            {
                if (taken.Contains(MemberRules.NormalizeEmail(members[i].Email)))
                {
                    this.AddError($"member-{i + 1}", T["Error_Email_InActiveGroup", members[i].Name]);
                }
            }

            return Page();
        }

        // The draft goes in the same transaction as the new group; if that fails, the draft stays.
        Drafts.Discard();
        try
        {
            await SignUp.CreateGroupAsync(city, ParseType(Form.GroupType)!.Value, Form, members, LocalizationSetup.Current, ct);
            SignUpDraftStore.ForgetCookie(HttpContext);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning("Sign-up not stored: {Error}", ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            // Lost a race: either the same form was posted twice at once, or an address was just taken.
            Db.ChangeTracker.Clear();
            if (await Db.Groups.AnyAsync(g => g.SubmissionKey == submissionKey, ct))
            {
                return ToStep("/aanmelden/verstuurd");
            }

            this.AddError("member-1", T["Error_SignUp_Conflict"]);
            return Page();
        }

        return ToStep("/aanmelden/verstuurd");
    }

    /// <summary>A member's answers as label and text, in the reader's language.</summary>
    public IEnumerable<(string Label, string Value)> Describe(MemberInput m)
    {
        yield return (T["Field_Name"], m.Name ?? "");
        yield return (T["Field_Email"], m.Email ?? "");
        yield return (T["Field_Phone"], m.Phone ?? "");
        if (!string.IsNullOrWhiteSpace(m.Postcode))
        {
            yield return (T["Field_Postcode"], MemberRules.NormalizePostcode(m.Postcode) ?? m.Postcode);
        }

        if (!string.IsNullOrWhiteSpace(m.Municipality))
        {
            yield return (T["Field_Municipality"], m.Municipality);
        }

        yield return (T["Field_DateOfBirth"], DateOnly.TryParse(m.DateOfBirth, System.Globalization.CultureInfo.InvariantCulture, out var dob) ? dob.ToString("d MMMM yyyy") : m.DateOfBirth ?? "");
        yield return (T["Field_PreferredLanguage"], m.PreferredLanguage == "en" ? "English" : "Nederlands");
        yield return (T["Field_Languages"], string.Join(", ", m.Languages.Where(l => l.Code is not null).Select(l => $"{T[$"Language_{l.Code}"]} ({T[$"LanguageLevel_{l.Level}"]})")));
        if (!string.IsNullOrWhiteSpace(m.Occupation))
        {
            yield return (T["Field_Occupation"], m.Occupation);
        }

        if (m.Sectors.Count > 0)
        {
            yield return (T["Field_Sectors"], string.Join(", ", m.Sectors.Select(s => T[$"Sector_{s}"].Value)));
        }

        if (!string.IsNullOrWhiteSpace(m.Interests))
        {
            yield return (T["Field_Interests"], m.Interests);
        }

        yield return (T["Field_Availability"], string.Join(", ", m.Availability.Select(a => T[$"Availability_{a}"].Value)));
    }
}
