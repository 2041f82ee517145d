using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Newcomers;

/// <summary>Record or change a newcomer household, within the coordinator's cities.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class NewcomerEditModel(
    AppDbContext db,
    CurrentStaff staff,
    UserManager<AppUser> users,
    TimeProvider time,
    RestrictedData restricted,
    IOptions<Privacy.RetentionOptions> retention,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PersonRows = 4;

    public sealed class PersonInput
    {
        public string? FirstName { get; set; }

        public string? BirthYear { get; set; }

        public string? Language { get; set; }

        public string? Level { get; set; }

        public string? Language2 { get; set; }

        public string? Level2 { get; set; }

        public string? Education { get; set; }

        public string? Work { get; set; }

        public string? Goals { get; set; }

        public List<string> GoalSectors { get; set; } = [];

        public string? Interests { get; set; }

        public bool IsEmpty => GoalSectors.Count == 0
            && new[] { FirstName, BirthYear, Language, Level, Language2, Level2, Education, Work, Goals, Interests }.All(string.IsNullOrWhiteSpace);
    }

    public sealed class HouseholdInput
    {
        public string? Label { get; set; }

        public string? City { get; set; }

        public string? Route { get; set; }

        public string? ContactLanguage { get; set; }

        public string? ContactEmail { get; set; }

        public string? CurrentLocation { get; set; }

        public string? ExpectedArrival { get; set; }

        public string? HousingAddress { get; set; }

        public string? LivingSince { get; set; }

        public string? Health { get; set; }

        public string? Asylum { get; set; }

        public List<string> Needs { get; set; } = [];

        public List<string> Traits { get; set; } = [];

        public List<string> Wishes { get; set; } = [];

        public string? LegalBasis { get; set; }

        public string? DetailsBasis { get; set; }

        public Guid Stamp { get; set; }

        public List<PersonInput> People { get; set; } = [];
    }

    [BindProperty]
    public HouseholdInput Input { get; set; } = new();

    public IReadOnlySet<string> Fields { get; private set; } = new HashSet<string>();

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    public IReadOnlyList<Choice> RouteChoices => [.. Enum.GetValues<NewcomerRoute>().Select(r => new Choice(r.ToString(), t[$"NewcomerRoute_{r}"]))];

    public IReadOnlyList<Choice> LanguageChoices => [.. SignUpOptions.Languages.Select(l => new Choice(l, t[$"Language_{l}"]))];

    public IReadOnlyList<Choice> LevelChoices => [.. SignUpOptions.LanguageLevels.Select(l => new Choice(l, t[$"LanguageLevel_{l}"]))];

    public IReadOnlyList<Choice> SectorChoices => [.. SignUpOptions.Sectors.Select(s => new Choice(s, t[$"Sector_{s}"]))];

    public IReadOnlyList<Choice> PreferenceChoices => [.. Groups.GroupOffer.PreferenceKeys.Select(k => new Choice(k, t[$"Preference_{k}"]))];

    public IReadOnlyList<Choice> NeedChoices => [.. Groups.GroupOffer.AccessibilityKeys.Select(k => new Choice(k, t[$"Accessibility_{k}"]))];

    public IReadOnlyList<Choice> DetailsBasisChoices =>
        [.. Enum.GetValues<ProcessingBasis>().Where(b => b != ProcessingBasis.NotRecorded).Select(b => new Choice(b.ToString(), t[$"ProcessingBasis_{b}"]))];

    public IReadOnlyList<Choice> BasisChoices => [.. Enum.GetValues<LegalBasis>().Select(b => new Choice(b.ToString(), t[$"LegalBasis_{b}"]))];

    public bool IsNew { get; private set; }

    public bool IsNational => staff.IsNational;

    /// <summary>The household was just sent a sign-in link.</summary>
    public bool Invited { get; private set; }

    /// <summary>The household's status (null for a new one): a waiting household can be recorded as left, and back.</summary>
    public NewcomerStatus? Status { get; private set; }

    public DateTimeOffset? LeftAt { get; private set; }

    /// <summary>Months after leaving before a household's data is erased (Retention:LeftHouseholdMonths).</summary>
    public int LeftMonths => retention.Value.LeftHouseholdMonths;

    /// <summary>What was just done with the household's status.</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, string? melding, CancellationToken ct)
    {
        Invited = melding == "uitgenodigd";
        Notice = melding switch
        {
            "vertrokken" => t["Newcomers_LeftDone"].Value,
            "terug" => t["Newcomers_ReturnedDone"].Value,
            _ => null,
        };
        await LoadChoicesAsync(ct);
        if (id is null)
        {
            IsNew = true;
            Input = new HouseholdInput { LegalBasis = nameof(LegalBasis.None) };
        }
        else
        {
            var household = await FindAsync(id.Value, ct);
            if (household is null)
            {
                return NotFound();
            }

            Input = ToInput(household);
            (Status, LeftAt) = (household.Status, household.LeftAt);
            await LogViewAsync(household, ct);
        }

        Pad();
        return Page();
    }

    /// <summary>Records in the access log that the viewer was shown this household's restricted fields (their names, not values).</summary>
    private async Task LogViewAsync(NewcomerHousehold household, CancellationToken ct)
    {
        string[] shown = [.. new (string Field, bool HasValue)[]
            {
                (NewcomerFields.HealthAndAccessibility, Input.Health is not null),
                (nameof(NewcomerHousehold.AccessibilityNeeds), Input.Needs.Count > 0),
                (NewcomerFields.AsylumBackground, Input.Asylum is not null),
            }.Where(f => f.HasValue).Select(f => f.Field)];
        if (shown.Length == 0)
        {
            return;
        }

        var me = await staff.UserAsync(users);
        Privacy.AccessLog.Record(db, time, me?.Id, me?.DisplayName ?? "?", Privacy.AccessLog.Viewed, "newcomer", household.Id.ToString("N"), shown);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        IsNew = id is null;
        var household = id is null ? null : await FindAsync(id.Value, ct);
        if (id is not null && household is null)
        {
            return NotFound();
        }

        var values = Check();
        if (values is not null && household is not null && household.ConcurrencyStamp != Input.Stamp)
        {
            this.AddError("Input.Label", t["Error_ConflictNewcomer"] + " " + await Audit.LatestChangeAsync(db, t, "newcomer", household.Id.ToString("N"), ct));
            Input.Stamp = household.ConcurrencyStamp;
        }

        if (!ModelState.IsValid || values is null)
        {
            Pad();
            return Page();
        }

        var me = await staff.UserAsync(users);
        var peopleBefore = household is null ? "" : PeopleText(household.People);
        if (household is null)
        {
            household = new NewcomerHousehold
            {
                Id = Guid.NewGuid(),
                Label = "",
                ContactLanguage = "",
                CreatedAt = time.GetUtcNow(),
                CreatedBy = me?.DisplayName ?? "?",
            };
            db.NewcomerHouseholds.Add(household);
        }
        else
        {
            db.NewcomerPeople.RemoveRange(household.People);
        }

        var addressBefore = household.ContactEmail;
        values(household);
        Guid? cutOff = null;
        if (household.UserId is { } account && household.ContactEmail != addressBefore)
        {
            // A new or removed address: the old one no longer signs in to this household.
            cutOff = account;
            household.UserId = null;
        }

        var fields = Audit.ChangedFields<NewcomerHousehold>(db).Where(f => f != nameof(NewcomerHousehold.UserId)).ToList();
        if (PeopleText(household.People) != peopleBefore)
        {
            fields.Add(nameof(NewcomerHousehold.People));
        }

        if (IsNew || fields.Count > 0)
        {
            Audit.Record(db, time, me?.Id, me?.DisplayName ?? "?", "newcomer", household.Id.ToString("N"), IsNew ? "Created" : "Changed", IsNew ? null : fields);
        }

        household.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
            if (cutOff is { } old)
            {
                await db.SignInLinks.Where(l => l.UserId == old && l.UsedAt == null).ExecuteDeleteAsync(ct);
                await Portal.PortalAccounts.DeleteOrphansAsync(db, [old], ct);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            this.AddError("Input.Label", t["Error_ConflictNewcomer"] + " " + await Audit.LatestChangeAsync(db, t, "newcomer", household.Id.ToString("N"), ct));
            Pad();
            return Page();
        }

        return Redirect("/beheer/nieuwkomers");
    }

    /// <summary>E-mails the household a link to their own page (the invitation their account comes from).</summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id, [FromServices] Portal.MemberSignIn signIn, CancellationToken ct)
    {
        var household = await FindAsync(id, ct);
        if (household is null)
        {
            return NotFound();
        }

        if (household.ContactEmail is null)
        {
            await LoadChoicesAsync(ct);
            Input = ToInput(household);
            Pad();
            this.AddError("Input.ContactEmail", t["Error_NewcomerEmail_Required"]);
            return Page();
        }

        if (!await signIn.InviteNewcomerAsync(household.Id, ct))
        {
            await LoadChoicesAsync(ct);
            Input = ToInput(household);
            Pad();
            this.AddError("Input.ContactEmail", t["Error_NewcomerInvite_NotSent"]);
            return Page();
        }

        var me = await staff.UserAsync(users);
        Audit.Record(db, time, me?.Id, me?.DisplayName ?? "?", "newcomer", household.Id.ToString("N"), "Invited");
        await db.SaveChangesAsync(ct);
        return Redirect($"/beheer/nieuwkomers/bewerken/{id}?melding=uitgenodigd");
    }

    /// <summary>Everything recorded about the household, restricted fields included, for its own request (logged).</summary>
    public async Task<IActionResult> OnPostDownloadAsync(Guid id, [FromServices] Privacy.PersonalData data, CancellationToken ct)
    {
        var household = await FindAsync(id, ct);
        if (household is null)
        {
            return NotFound();
        }

        var file = await data.ForHouseholdAsync(household.Id, ct);
        var me = await staff.UserAsync(users);
        Privacy.AccessLog.Record(db, time, me?.Id, me?.DisplayName ?? "?", Privacy.AccessLog.Downloaded, "newcomer", household.Id.ToString("N"), ["All"]);
        await db.SaveChangesAsync(ct);
        return File(file, "application/json", $"samenhier-inzage-{time.GetUtcNow():yyyy-MM-dd}.json");
    }

    /// <summary>"yes" when national staff confirm an erasure the household asked for.</summary>
    [BindProperty]
    public List<string> EraseConfirm { get; set; } = [];

    public IReadOnlyList<Choice> ConfirmChoices => [new("yes", t["PrivacyAdmin_EraseConfirm"])];

    /// <summary>National staff erase the household at its request (not while a running group supports it).</summary>
    public async Task<IActionResult> OnPostEraseAsync(Guid id, [FromServices] Privacy.Erasure erasure, CancellationToken ct)
    {
        var household = await FindAsync(id, ct);
        if (household is null)
        {
            return NotFound();
        }

        if (!staff.IsNational)
        {
            return Forbid();
        }

        if (!EraseConfirm.Contains("yes"))
        {
            this.AddError(nameof(EraseConfirm), t["Error_Erase_Confirm"]);
        }
        else
        {
            var me = await staff.UserAsync(users);
            db.ChangeTracker.Clear();
            if (await erasure.EraseHouseholdAsync(id, me?.Id, me?.DisplayName ?? "?", ct))
            {
                return Redirect("/beheer/nieuwkomers?melding=gewist");
            }

            this.AddError(nameof(EraseConfirm), t["Error_Erase_RunningGroup"]);
            household = await FindAsync(id, ct);
        }

        await LoadChoicesAsync(ct);
        Input = ToInput(household!);
        Pad();
        return Page();
    }

    /// <summary>
    /// Records that a waiting household left the programme without a group (or, undone, that it waits
    /// again). It leaves the waiting list and the matching, its portal closes, and its data is erased
    /// <see cref="LeftMonths"/> months later by the retention job.
    /// </summary>
    public Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken ct) =>
        MoveAsync(id, NewcomerStatus.Waiting, NewcomerStatus.Left, "vertrokken", ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        MoveAsync(id, NewcomerStatus.Left, NewcomerStatus.Waiting, "terug", ct);

    private async Task<IActionResult> MoveAsync(Guid id, NewcomerStatus from, NewcomerStatus to, string notice, CancellationToken ct)
    {
        var household = await FindAsync(id, ct);
        if (household is null)
        {
            return NotFound();
        }

        if (household.Status == from && household.ErasedAt is null)
        {
            var me = await staff.UserAsync(users);
            household.Status = to;
            household.LeftAt = to == NewcomerStatus.Left ? time.GetUtcNow() : null;
            household.ConcurrencyStamp = Guid.NewGuid();
            Backoffice.Audit.Record(db, time, me?.Id, me?.DisplayName ?? "?", "newcomer", household.Id.ToString("N"), to == NewcomerStatus.Left ? "Left" : "Returned", [nameof(NewcomerHousehold.Status)]);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed by someone else in the same instant: the page shows it as it is now.
                return Redirect($"/beheer/nieuwkomers/bewerken/{id}");
            }
        }

        return Redirect($"/beheer/nieuwkomers/bewerken/{id}?melding={notice}");
    }

    /// <summary>Checks every field; returns how to apply them, or null with errors added.</summary>
    private Action<NewcomerHousehold>? Check()
    {
        this.CheckText(t, "Input.Label", Input.Label, 100, "Error_Label_Required");
        var cityOk = int.TryParse(Input.City, out var cityId) && CityChoices.Any(c => c.Value == Input.City);
        if (!cityOk)
        {
            this.AddError("Input.City", t["Error_City_Required"]);
        }

        var routeOk = Enum.TryParse<NewcomerRoute>(Input.Route, out var route) && Enum.IsDefined(route);
        if (!routeOk)
        {
            this.AddError("Input.Route", t["Error_Route_Required"]);
        }

        if (this.CheckText(t, "Input.ContactEmail", Input.ContactEmail, Limits.Email, requiredKey: null)
            && !string.IsNullOrWhiteSpace(Input.ContactEmail) && !MemberRules.IsEmail(Input.ContactEmail.Trim()))
        {
            this.AddError("Input.ContactEmail", t["Error_Email_Format"]);
        }

        if (Input.ContactLanguage is null || !SignUpOptions.Languages.Contains(Input.ContactLanguage))
        {
            this.AddError("Input.ContactLanguage", t["Error_Language_Required"]);
        }

        this.CheckText(t, "Input.CurrentLocation", Input.CurrentLocation, 200, null);
        var arrival = Date("Input.ExpectedArrival", Input.ExpectedArrival);
        this.CheckText(t, "Input.HousingAddress", Input.HousingAddress, 200, null);
        var since = Date("Input.LivingSince", Input.LivingSince);
        this.CheckText(t, "Input.Health", Input.Health, 2000, null, multiline: true);
        this.CheckText(t, "Input.Asylum", Input.Asylum, 2000, null, multiline: true);
        if (Input.Traits.Any(v => !Groups.GroupOffer.PreferenceKeys.Contains(v)))
        {
            this.AddError("Input.Traits", t["Error_Choice_Unknown"]);
        }

        if (Input.Wishes.Any(v => !Groups.GroupOffer.PreferenceKeys.Contains(v)))
        {
            this.AddError("Input.Wishes", t["Error_Choice_Unknown"]);
        }

        if (Input.Needs.Any(n => !Groups.GroupOffer.AccessibilityKeys.Contains(n)))
        {
            this.AddError("Input.Needs", t["Error_Choice_Unknown"]);
        }

        // The basis for the ordinary details is chosen by staff, never assumed (not even consent).
        if (!Enum.TryParse<ProcessingBasis>(Input.DetailsBasis, out var detailsBasis) || !Enum.IsDefined(detailsBasis) || detailsBasis == ProcessingBasis.NotRecorded)
        {
            this.AddError("Input.DetailsBasis", t["Error_ProcessingBasis_Required"]);
        }

        var basisOk = Enum.TryParse<LegalBasis>(Input.LegalBasis, out var basis) && Enum.IsDefined(basis);
        if (!basisOk)
        {
            this.AddError("Input.LegalBasis", t["Error_Choice_Unknown"]);
        }
        else if (basis == LegalBasis.None && (!string.IsNullOrWhiteSpace(Input.Health) || !string.IsNullOrWhiteSpace(Input.Asylum) || Input.Needs.Count > 0))
        {
            // Restricted data is kept only with a recorded basis, never by default.
            this.AddError("Input.LegalBasis", t["Error_LegalBasis_Required"]);
        }

        var people = new List<NewcomerPerson>();
        var thisYear = time.TodayInNetherlands().Year;
        for (var i = 0; i < Input.People.Count && i < PersonRows; i++)
        {
            var p = Input.People[i];
            if (p.IsEmpty)
            {
                continue;
            }

            var prefix = $"Input.People[{i}].";
            this.CheckText(t, prefix + "FirstName", p.FirstName, Limits.Name, "Error_FirstName_Required");
            if (!int.TryParse(p.BirthYear, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < thisYear - 110 || year > thisYear)
            {
                this.AddError(prefix + "BirthYear", t["Error_BirthYear"]);
            }

            foreach (var (field, value, choices) in new[]
            {
                ("Language", p.Language, SignUpOptions.Languages), ("Level", p.Level, SignUpOptions.LanguageLevels),
                ("Language2", p.Language2, SignUpOptions.Languages), ("Level2", p.Level2, SignUpOptions.LanguageLevels),
            })
            {
                if (!string.IsNullOrEmpty(value) && !choices.Contains(value))
                {
                    this.AddError(prefix + field, t["Error_Choice_Unknown"]);
                }
            }

            if (p.GoalSectors.Any(sector => !SignUpOptions.Sectors.Contains(sector)))
            {
                this.AddError(prefix + "GoalSectors", t["Error_Choice_Unknown"]);
            }

            foreach (var (field, value) in new[] { ("Education", p.Education), ("Work", p.Work), ("Goals", p.Goals), ("Interests", p.Interests) })
            {
                this.CheckText(t, prefix + field, value, 500, null, multiline: true);
            }

            people.Add(new NewcomerPerson
            {
                FirstName = TextRules.Clean(p.FirstName) ?? "",
                BirthYear = year,
                Languages = string.Join(',', new[] { (p.Language, p.Level), (p.Language2, p.Level2) }
                    .Where(l => !string.IsNullOrEmpty(l.Item1))
                    .Select(l => $"{l.Item1}:{(string.IsNullOrEmpty(l.Item2) ? "basic" : l.Item2)}")
                    .Distinct()),
                Education = TextRules.Clean(p.Education),
                WorkExperience = TextRules.Clean(p.Work),
                Goals = TextRules.Clean(p.Goals),
                GoalSectors = string.Join(',', SignUpOptions.Sectors.Where(p.GoalSectors.Contains)),
                Interests = TextRules.Clean(p.Interests),
            });
        }

        if (people.Count == 0 && ModelState.IsValid)
        {
            this.AddError("Input.People[0].FirstName", t["Error_People_Required"]);
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return h =>
        {
            h.Label = TextRules.Clean(Input.Label)!;
            h.CityId = cityId;
            h.Route = route;
            h.ContactLanguage = Input.ContactLanguage!;
            h.ContactEmail = string.IsNullOrWhiteSpace(Input.ContactEmail) ? null : MemberRules.NormalizeEmail(Input.ContactEmail);
            h.CurrentLocation = TextRules.Clean(Input.CurrentLocation);
            h.ExpectedArrival = arrival;
            h.HousingAddress = TextRules.Clean(Input.HousingAddress);
            h.LivingSince = since;
            h.Traits = string.Join(',', Groups.GroupOffer.PreferenceKeys.Where(Input.Traits.Contains));
            h.Wishes = string.Join(',', Groups.GroupOffer.PreferenceKeys.Where(Input.Wishes.Contains));
            h.HealthAndAccessibility = restricted.Update(NewcomerFields.HealthAndAccessibility, h.HealthAndAccessibility, TextRules.Clean(Input.Health));
            h.AccessibilityNeeds = restricted.Update(nameof(h.AccessibilityNeeds), h.AccessibilityNeeds, string.Join(',', Groups.GroupOffer.AccessibilityKeys.Where(Input.Needs.Contains)));
            h.AsylumBackground = restricted.Update(NewcomerFields.AsylumBackground, h.AsylumBackground, TextRules.Clean(Input.Asylum));
            h.DetailsLegalBasisAt = detailsBasis != h.DetailsLegalBasis ? now : h.DetailsLegalBasisAt;
            h.DetailsLegalBasis = detailsBasis;
            h.RestrictedConsentAt = basis != h.RestrictedLegalBasis ? now : h.RestrictedConsentAt;
            h.RestrictedLegalBasis = basis;
            h.People = people;
        };
    }

    private DateOnly? Date(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is > 1900 and < 2200)
        {
            return date;
        }

        this.AddError(key, t["Error_Date_Format"]);
        return null;
    }

    private static string PeopleText(IEnumerable<NewcomerPerson> people) =>
        string.Join('\u001f', people.Select(p => string.Join('\u001e', p.FirstName, p.BirthYear, p.Languages, p.Education, p.WorkExperience, p.Goals, p.GoalSectors, p.Interests)));

    private async Task<NewcomerHousehold?> FindAsync(Guid id, CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        return await db.NewcomerHouseholds.Include(h => h.People.OrderBy(p => p.Id)).SingleOrDefaultAsync(h => h.Id == id && cities.Contains(h.CityId), ct);
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var ids = await staff.CityIdsAsync(ct);
        CityChoices = [.. (await db.Cities.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct))
            .Select(c => new Choice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name))];
        Fields = NewcomerFields.For(staff.IsNational ? StaffRoles.NationalStaff : StaffRoles.Coordinator);
    }

    private void Pad()
    {
        while (Input.People.Count < PersonRows)
        {
            Input.People.Add(new PersonInput());
        }
    }

    private HouseholdInput ToInput(NewcomerHousehold h) => new()
    {
        Label = h.Label,
        City = h.CityId.ToString(CultureInfo.InvariantCulture),
        Route = h.Route.ToString(),
        ContactLanguage = h.ContactLanguage,
        ContactEmail = h.ContactEmail,
        CurrentLocation = h.CurrentLocation,
        ExpectedArrival = h.ExpectedArrival?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        HousingAddress = h.HousingAddress,
        LivingSince = h.LivingSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Traits = [.. h.Traits.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        Wishes = [.. h.Wishes.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        Health = Fields.Contains(NewcomerFields.HealthAndAccessibility) ? restricted.Reveal(NewcomerFields.HealthAndAccessibility, h.HealthAndAccessibility) : null,
        Asylum = Fields.Contains(NewcomerFields.AsylumBackground) ? restricted.Reveal(NewcomerFields.AsylumBackground, h.AsylumBackground) : null,
        Needs = Fields.Contains(NewcomerFields.HealthAndAccessibility) ? [.. (restricted.Reveal(nameof(h.AccessibilityNeeds), h.AccessibilityNeeds) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)] : [],
        LegalBasis = h.RestrictedLegalBasis.ToString(),
        DetailsBasis = h.DetailsLegalBasis == ProcessingBasis.NotRecorded ? null : h.DetailsLegalBasis.ToString(),
        Stamp = h.ConcurrencyStamp,
        People = [.. h.People.Select(p => new PersonInput
        {
            FirstName = p.FirstName,
            BirthYear = p.BirthYear.ToString(CultureInfo.InvariantCulture),
            Language = LanguageAt(p.Languages, 0).Language,
            Level = LanguageAt(p.Languages, 0).Level,
            Language2 = LanguageAt(p.Languages, 1).Language,
            Level2 = LanguageAt(p.Languages, 1).Level,
            Education = p.Education,
            Work = p.WorkExperience,
            Goals = p.Goals,
            GoalSectors = [.. p.GoalSectors.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            Interests = p.Interests,
        })],
    };

    /// <summary>The n-th "language:level" of a person's stored languages ("ar:native,en:basic").</summary>
    private static (string? Language, string? Level) LanguageAt(string languages, int n)
    {
        var parts = languages.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (n >= parts.Length)
        {
            return (null, null);
        }

        var pair = parts[n].Split(':');
        return (pair[0], pair.Length > 1 ? pair[1] : null);
    }
}
