using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Cities;

/// <summary>National staff edit a city: its state, open group types, partner and contact address. The public site follows.</summary>
[Authorize(Policy = Policies.NationalStaff)]
public sealed class EditCitiesModel(AppDbContext db, CurrentStaff staff, Microsoft.AspNetCore.Identity.UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class CityInput
    {
        public string? Name { get; set; }

        public string? State { get; set; }

        public List<string> Open { get; set; } = [];

        public string? Partner { get; set; }

        public string? ContactEmail { get; set; }

        public string? HousingPlaces { get; set; }

        public Guid Stamp { get; set; }
    }

    [BindProperty]
    public CityInput Input { get; set; } = new();

    public IReadOnlyList<City> All { get; private set; } = [];

    public City? Editing { get; private set; }

    /// <summary>Per city, the names of the partner's coordinators who work there.</summary>
    public IReadOnlyDictionary<int, List<string>> Coordinators { get; private set; } = new Dictionary<int, List<string>>();

    public bool Saved { get; private set; }

    public const int MaxHousingPlaces = 100_000;

    public IReadOnlyList<Choice> StateChoices =>
        [.. new[] { CityState.Interest, CityState.Exploring, CityState.PartnerFound, CityState.Preparing, CityState.Active, CityState.Paused }.Select(s => new Choice(s.ToString(), t[$"CityState_{s}"]))];

    public IReadOnlyList<Choice> TypeChoices =>
        [.. Enum.GetValues<GroupType>().Select(g => new Choice(g.ToString(), t[$"GroupType_{g}"]))];

    public async Task<IActionResult> OnGetAsync(int? id, bool opgeslagen, CancellationToken ct)
    {
        Saved = opgeslagen;
        All = await db.Cities.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        await LoadCoordinatorsAsync(ct);
        if (id is null)
        {
            return Page();
        }

        Editing = All.SingleOrDefault(c => c.Id == id);
        if (Editing is null)
        {
            return NotFound();
        }

        Input = new CityInput
        {
            Name = Editing.Name,
            State = Editing.State.ToString(),
            Open = [.. Editing.OpenGroupTypesIgnoringState().Select(g => g.ToString())],
            Partner = Editing.PartnerName,
            ContactEmail = Editing.ContactEmail,
            HousingPlaces = Editing.HousingPlaces?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Stamp = Editing.ConcurrencyStamp,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var city = await db.Cities.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (city is null)
        {
            return NotFound();
        }

        this.CheckText(t, "Input.Name", Input.Name, 100, "Error_CityName_Required");
        this.CheckText(t, "Input.Partner", Input.Partner, 200, requiredKey: null);
        if (this.CheckText(t, "Input.ContactEmail", Input.ContactEmail, Limits.Email, requiredKey: null)
            && !string.IsNullOrWhiteSpace(Input.ContactEmail) && !MemberRules.IsEmail(Input.ContactEmail.Trim()))
        {
            this.AddError("Input.ContactEmail", t["Error_Email_Format"]);
        }

        int? places = null;
        if (!string.IsNullOrWhiteSpace(Input.HousingPlaces))
        {
            if (int.TryParse(Input.HousingPlaces.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed <= MaxHousingPlaces)
            {
                places = parsed;
            }
            else
            {
                this.AddError("Input.HousingPlaces", t["Error_HousingPlaces", MaxHousingPlaces]);
            }
        }

        if (!Enum.TryParse<CityState>(Input.State, out var state) || !Enum.IsDefined(state))
        {
            this.AddError("Input.State", t["Error_Choice_Unknown"]);
        }

        var open = Input.Open.Select(o => Enum.TryParse<GroupType>(o, out var g) && Enum.IsDefined(g) ? g : (GroupType?)null).ToList();
        if (open.Any(o => o is null))
        {
            this.AddError("Input.Open", t["Error_Choice_Unknown"]);
        }

        if (ModelState.IsValid && city.ConcurrencyStamp != Input.Stamp)
        {
            this.AddError("Input.Name", t["Error_ConflictCity"] + " " + await Backoffice.Audit.LatestChangeAsync(db, t, "city", id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct));
        }

        if (!ModelState.IsValid)
        {
            All = await db.Cities.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
            await LoadCoordinatorsAsync(ct);
            Editing = city;
            Input.Stamp = city.ConcurrencyStamp;
            return Page();
        }

        city.Name = TextRules.Clean(Input.Name)!;
        city.State = state;
        city.SponsorGroupsOpen = open.Contains(GroupType.Sponsor);
        city.WelcomeGroupsOpen = open.Contains(GroupType.Welcome);
        city.PartnerName = TextRules.Clean(Input.Partner);
        city.ContactEmail = TextRules.Clean(Input.ContactEmail);
        city.HousingPlaces = places;
        var fields = Backoffice.Audit.ChangedFields<City>(db);
        if (fields.Count > 0)
        {
            var me = await staff.UserAsync(users);
            Backoffice.Audit.Record(db, time, me?.Id, me?.DisplayName ?? "?", "city", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Changed", fields);
        }

        city.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await OnConflictAsync(id, ct);
        }

        return Redirect($"/beheer/steden?opgeslagen=true");
    }

    private async Task<IActionResult> OnConflictAsync(int id, CancellationToken ct)
    {
        this.AddError("Input.Name", t["Error_ConflictCity"] + " " + await Backoffice.Audit.LatestChangeAsync(db, t, "city", id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct));
        All = await db.Cities.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        await LoadCoordinatorsAsync(ct);
        Editing = All.Single(c => c.Id == id);
        Input.Stamp = Editing.ConcurrencyStamp;
        return Page();
    }

    private async Task LoadCoordinatorsAsync(CancellationToken ct)
    {
        var role = db.Roles.Where(r => r.Name == StaffRoles.Coordinator).Select(r => r.Id);
        var rows = await db.StaffCities.AsNoTracking()
            .Where(sc => db.UserRoles.Any(ur => ur.UserId == sc.UserId && role.Contains(ur.RoleId)))
            .Join(db.Users, sc => sc.UserId, u => u.Id, (sc, u) => new { sc.CityId, u.DisplayName })
            .ToListAsync(ct);
        Coordinators = rows.GroupBy(r => r.CityId).ToDictionary(g => g.Key, g => g.Select(r => r.DisplayName).Order().ToList());
    }
}
