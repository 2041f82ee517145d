using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

/// <summary>The members entered so far: change, remove, add, and go on once the group is big enough.</summary>
public sealed class MembersModel(SignUpDraftStore drafts, SignUpService signUp, AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider time, SubmissionRateLimiter limiter)
    : SignUpPageModel(drafts, signUp, db, t, time)
{
    public IReadOnlyList<MemberInput> Members => Form.Members;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return await MissingStepAsync(SignUpStep.Members, ct) is { } missing ? ToStep(missing) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        NoteHoneypot();
        if (await MissingStepAsync(SignUpStep.Members, ct) is { } missing)
        {
            return ToStep(missing);
        }

        if (Form.Members.Count < Settings.MinMembers)
        {
            this.AddError("add-member", T["Error_Members_TooFew", Settings.MinMembers, Form.Members.Count]);
        }
        else if (Form.Members.Count > Settings.MaxMembers)
        {
            this.AddError("members", T["Error_Members_TooMany", Settings.MaxMembers]);
        }

        var today = Time.TodayInNetherlands();
        for (var i = 0; i < Form.Members.Count; i++)
        {
            if (MemberRules.Check(Form.Members[i], today).Member is null)
            {
                this.AddError($"member-{i + 1}", T["Error_Member_Incomplete", Form.Members[i].Name ?? $"{i + 1}"]);
            }
        }

        await CheckActiveGroupsAsync(ct);
        await SaveAsync(ct);
        return ModelState.IsValid ? ToStep("/aanmelden/toestemming") : Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int index, CancellationToken ct)
    {
        await LoadAsync(ct);
        // The person signing up (index 0) stays; they can change their details instead.
        if (index > 0 && index < Form.Members.Count)
        {
            Form.Members.RemoveAt(index);
            await SaveAsync(ct);
        }

        return ToStep("/aanmelden/leden");
    }

    /// <summary>
    /// No e-mail address can be in two active groups: say which member to change. Each check counts
    /// against the public rate limit, so nobody can test many addresses for membership.
    /// </summary>
    private async Task CheckActiveGroupsAsync(CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync("lookup", HttpContext))
        {
            this.AddError("members", T["Error_TooMany_Text"]);
            return;
        }

        var taken = await SignUp.EmailsInActiveGroupsAsync(Form.Members.Where(m => m.Email is not null).Select(m => m.Email!), ct);
        for (var i = 0; i < Form.Members.Count; i++)
        {
            if (Form.Members[i].Email is { } email && taken.Contains(MemberRules.NormalizeEmail(email)))
            {
                this.AddError($"member-{i + 1}", T["Error_Email_InActiveGroup", Form.Members[i].Name ?? ""]);
            }
        }
    }
}
