using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
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
public sealed class StaffModel(AppDbContext db, StaffAccounts accounts, CurrentStaff current, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t, Backoffice.SearchSeal seal) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Email, string Role, string Cities, bool TwoFactor, bool Disabled);

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

    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "rol")]
    public string? RoleFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "stad")]
    public int? City { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<Choice> RoleChoices => [.. StaffRoles.All.Select(r => new Choice(r, t[$"Role_{r}"]))];

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    public IReadOnlyList<Choice> LanguageChoices => [new("nl", "Nederlands"), new("en", "English")];

    public bool Invited { get; private set; }

    /// <summary>"ingetrokken" or "hersteld" after a change of someone's access.</summary>
    [BindProperty(SupportsGet = true, Name = "toegang")]
    public string? AccessChanged { get; set; }

    public Guid? Me { get; private set; }

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

    /// <summary>Takes a staff member's access away (not one's own: another national staff member does that).</summary>
    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct)
    {
        var me = (await current.UserAsync(users))!;
        if (await StaffUserAsync(id, ct) is not { } user || user.Id == me.Id)
        {
            return NotFound();
        }

        if (user.DisabledAt is null)
        {
            await accounts.DisableAsync(user, me);
        }

        return Redirect("/beheer/medewerkers?toegang=ingetrokken");
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct)
    {
        var me = (await current.UserAsync(users))!;
        if (await StaffUserAsync(id, ct) is not { } user)
        {
            return NotFound();
        }

        if (user.DisabledAt is not null)
        {
            await accounts.EnableAsync(user, me);
        }

        return Redirect("/beheer/medewerkers?toegang=hersteld");
    }

    private async Task<AppUser?> StaffUserAsync(Guid id, CancellationToken ct)
    {
        var staffRoles = db.Roles.Where(r => StaffRoles.All.Contains(r.Name!)).Select(r => r.Id);
        return await db.Users.SingleOrDefaultAsync(u => u.Id == id && db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)), ct);
    }

    /// <summary>Every handler reads the search as typed, whether the address carried it sealed or not.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Search = seal.OpenFor(context, Search);

    /// <summary>The search form posts here: the list opens at an address with the term sealed.</summary>
    public IActionResult OnPostSearch() => LocalRedirect(SearchLink);

    /// <summary>The same list as CSV (all pages); the export is logged.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await RowsAsync(Filtered(), ct);
        return await Backoffice.CsvExport.FileAsync(db, time, (await current.UserAsync(users))!, "staff",
            $"rol={RoleFilter};stad={City};zoek={Backoffice.CsvExport.Elided(Search)}", "medewerkers.csv",
            ["Naam", "E-mail", "Rol", "Steden", "Tweede stap", "Toegang"],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.Name, r.Email, r.Role, r.Cities, r.TwoFactor ? t["Staff_TwoFactorOn"].Value : t["Staff_TwoFactorPending"].Value, r.Disabled ? t["Staff_AccessRemoved"].Value : t["Staff_AccessOn"].Value])],
            ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = (await current.UserAsync(users))?.Id;
        var cities = await db.Cities.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        CityChoices = [.. cities.Select(c => new Choice(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name))];
        var query = Filtered();
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = await RowsAsync(query.Skip((PageNumber - 1) * PageSize).Take(PageSize), ct);
    }

    /// <summary>Staff accounts only: group members' accounts (made for the e-mailed sign-in) are not staff.</summary>
    private IQueryable<AppUser> Filtered()
    {
        var staffRoles = db.Roles.Where(r => StaffRoles.All.Contains(r.Name!)).Select(r => r.Id);
        var query = db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoles.Contains(ur.RoleId)));
        if (RoleFilter is { } role && StaffRoles.All.Contains(role))
        {
            var roleId = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
        }

        if (City is { } city)
        {
            query = query.Where(u => u.Cities.Any(c => c.CityId == city));
        }

        if (!string.IsNullOrWhiteSpace(Search) && Search.Length <= 100)
        {
            var term = Search.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF Core translates ToLower().Contains to SQL; a StringComparison overload it cannot.
            query = query.Where(u => u.DisplayName.ToLower().Contains(term) || (u.Email != null && u.Email.ToLower().Contains(term)));
#pragma warning restore CA1862
        }

        return query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id);
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<AppUser> query, CancellationToken ct)
    {
        var staff = await query
            .Select(u => new
            {
                u.Id,
                u.DisabledAt,
                u.DisplayName,
                u.Email,
                u.TwoFactorEnabled,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
                Cities = u.Cities.Select(c => c.City!.Name).ToList(),
            })
            .ToListAsync(ct);
        return [.. staff.Select(s => new Row(
            s.Id,
            s.DisplayName,
            s.Email ?? "",
            string.Join(", ", s.Roles.Where(r => StaffRoles.All.Contains(r)).Select(r => t[$"Role_{r}"].Value)),
            string.Join(", ", s.Cities),
            s.TwoFactorEnabled,
            s.DisabledAt is not null))];
    }

    public string PageLink(int page) => Link(page.ToString(System.Globalization.CultureInfo.InvariantCulture), null);

    public string SearchLink => Link(null, null);

    public string ExportLink => Link(null, "Export");

    private string Link(string? page, string? handler) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/beheer/medewerkers", new Dictionary<string, string?>
        {
            ["zoek"] = seal.Seal(Search),
            ["rol"] = RoleFilter,
            ["stad"] = City?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pagina"] = page,
            ["handler"] = handler,
        }.Where(v => !string.IsNullOrEmpty(v.Value)));
}
