using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

public sealed class GroupTypeModel(SignUpDraftStore drafts, SignUpService signUp, AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider time)
    : SignUpPageModel(drafts, signUp, db, t, time)
{
    [BindProperty]
    public string? GroupType { get; set; }

    public IReadOnlyList<Choice> Options { get; private set; } = [];

    public string CityName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (await MissingStepAsync(SignUpStep.GroupType, ct) is { } missing)
        {
            return ToStep(missing);
        }

        GroupType = Form.GroupType;
        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        NoteHoneypot();
        if (await MissingStepAsync(SignUpStep.GroupType, ct) is { } missing)
        {
            return ToStep(missing);
        }

        var city = await LoadOptionsAsync(ct);
        if (ParseType(GroupType) is not { } type || !city.IsOpenFor(type))
        {
            this.AddError(nameof(GroupType), T["Error_GroupType_Required"]);
            return Page();
        }

        Form.GroupType = type.ToString();
        await SaveAsync(ct);
        return ToStep(ReturnStep(Request.Query["terug"]) ?? "/aanmelden/groep");
    }

    private async Task<City> LoadOptionsAsync(CancellationToken ct)
    {
        var city = (await SelectedCityAsync(ct))!;
        CityName = city.Name;
        Options = [.. city.OpenGroupTypes().Select(type => new Choice(type.ToString(), T[$"GroupType_{type}"], T[$"GroupType_{type}_Description"]))];
        return city;
    }
}
