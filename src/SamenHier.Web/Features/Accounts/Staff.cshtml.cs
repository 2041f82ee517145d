using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Accounts;

/// <summary>National staff see every staff account and invite new staff by e-mail.</summary>
[Authorize(Policy = Policies.NationalStaff)]
public sealed class StaffModel(AppDbContext db, StaffAccounts accounts, CurrentStaff current, UserManager<AppUser> users, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(string Name, string Email, string Role, string Cities, bool TwoFactor);

    public sealed class InviteInput
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Role { get; set; }

        public List<string> Cities { get; set; } = [];

        public string? Language { get; set; }
    }

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Choice> RoleChoices => [.. StaffRoles.All.Select(r => new Choice(r, t[$"Role_{r}"]))];

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    public IReadOnlyList<Choice> LanguageChoices => [new("nl", "Nederlands"), new("en", "English")];

    public bool Invited { get; private set; }

    public async Task OnGetAsync(bool uitgenodigd, CancellationToken ct)
    {
        Invited = uitgenodigd;
        Input.Language = LocalizationSetup.Current;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        this.CheckText(t, "Input.Name", Input.Name, Limits.Name, "Error_Name_Required");
        if (this.CheckText(t, "Input.Email", Input.Email, Limits.Email, "Error_Email_Required") && !MemberRules.IsEmail(Input.Email!.Trim()))
        {
            this.AddError("Input.Email", t["Error_Email_Format"]);
        }

        if (Input.Role is null || !StaffRoles.All.Contains(Input.Role))
        {
            this.AddError("Input.Role", t["Error_Role_Required"]);
        }

        var cityIds = Input.Cities.Select(c => int.TryParse(c, out var id) ? id : -1).ToList();
        if (cityIds.Any(id => id < 0))
        {
            this.AddError("Input.Cities", t["Error_Choice_Unknown"]);
        }
        else if (Input.Role is StaffRoles.Coordinator or StaffRoles.CommunityBuilder && cityIds.Count == 0)
        {
            this.AddError("Input.Cities", t["Error_Cities_Required"]);
        }

        if (Input.Language is not ("nl" or "en"))
        {
            this.AddError("Input.Language", t["Error_PreferredLanguage_Required"]);
        }

        if (ModelState.IsValid)
        {
            var inviter = (await current.UserAsync(users))?.DisplayName ?? "Samen Hier";
            var outcome = await accounts.InviteAsync(Input.Email!.Trim(), TextRules.Clean(Input.Name)!, Input.Role!, cityIds, Input.Language!, inviter);
            if (outcome == StaffAccounts.Outcome.Created)
            {
                return Redirect("/beheer/medewerkers?uitgenodigd=true");
            }

            this.AddError("Input.Email", t["Error_Staff_EmailTaken"]);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var cities = await db.Cities.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        CityChoices = [.. cities.Select(c => new Choice(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name))];
        var staff = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.DisplayName,
                u.Email,
                u.TwoFactorEnabled,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
                Cities = u.Cities.Select(c => c.City!.Name).ToList(),
            })
            .ToListAsync(ct);
        Rows = [.. staff.Select(s => new Row(
            s.DisplayName,
            s.Email ?? "",
            string.Join(", ", s.Roles.Select(r => t[$"Role_{r}"].Value)),
            string.Join(", ", s.Cities),
            s.TwoFactorEnabled))];
    }
}
