using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

/// <summary>A member opens their personal link, checks their details, agrees and confirms.</summary>
[AllowAnonymous]
public sealed class ConfirmModel(SignUpService signUp, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public MemberInput Input { get; set; } = new();

    [BindProperty]
    public string? Consent { get; set; }

    public GroupMember? Member { get; private set; }

    public bool Expired { get; private set; }

    public string ContactName { get; private set; } = "";

    public string GroupLabel { get; private set; } = "";

    public SignUpOptions Settings => signUp.Settings;

    public IReadOnlyList<Choice> ConsentOptions => [new Choice("yes", t["SignUp_Consent_AgreeSelf", Settings.PrivacyStatementVersion])];

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        await FindAsync(code, ct);
        if (Member is not null)
        {
            Input = ToInput(Member);
        }
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        await FindAsync(code, ct);
        if (Member is null)
        {
            return Page();
        }

        // The address is the one the link was sent to; it cannot be changed here.
        Input.Email = Member.Email;
        var (details, errors) = MemberRules.Check(Input, time.TodayInNetherlands());
        this.ClearErrors();
        foreach (var error in errors.OrderBy(e => MemberModel.FieldOrder(e.Field)))
        {
            this.AddError($"Input.{error.Field}", t[error.MessageKey, error.Args]);
        }

        if (Consent != "yes")
        {
            this.AddError(nameof(Consent), t["Error_ConsentSelf_Required"]);
        }

        if (!ModelState.IsValid || details is null)
        {
            return Page();
        }

        if (!await signUp.ConfirmAsync(Member, details, ct) && !await signUp.IsConfirmedAsync(Member.Id, ct))
        {
            // The link was replaced by a newer one a moment ago.
            Member = null;
            return Page();
        }

        // Confirmed now, or by the same link a moment ago (a double click).
        return Redirect("/aanmelden/bevestigd");
    }

    private async Task FindAsync(string? code, CancellationToken ct)
    {
        (Member, Expired) = await signUp.FindByConfirmTokenAsync(code, ct);
        if (Member?.Group is { } group)
        {
            var contact = group.Members.FirstOrDefault(m => m.IsContactPerson);
            ContactName = contact?.Name ?? Member.Name;
            GroupLabel = SignUpService.Label(group, t);
        }
    }

    private static MemberInput ToInput(GroupMember m)
    {
        var input = new MemberInput
        {
            Name = m.Name,
            Email = m.Email,
            Phone = MemberRules.FormatPhone(m.Phone),
            Postcode = m.Postcode,
            Municipality = m.Municipality,
            DateOfBirth = m.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PreferredLanguage = m.PreferredLanguage,
            Languages = [.. m.Languages.Select(l => new LanguageInput { Code = l.Language, Level = l.Level })],
            Occupation = m.Occupation,
            Sectors = [.. m.NetworkSectors.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            Interests = m.Interests,
            Availability = [.. m.Availability.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        };
        return input;
    }
}
