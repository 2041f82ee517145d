using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Trainings;

/// <summary>
/// Training sessions of the coordinator's cities (and the online ones): what is coming, how full,
/// and a form to schedule one. Times are typed and shown in Europe/Amsterdam and stored as instants.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class SessionsModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(TrainingSession Session, string? City, int Taken, int Waiting);

    public IReadOnlyList<Row> Sessions { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty]
    public string? Module { get; set; }

    [BindProperty]
    public string? City { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Start { get; set; }

    [BindProperty]
    public string? End { get; set; }

    [BindProperty]
    public string? Place { get; set; }

    [BindProperty]
    public List<string> Online { get; set; } = [];

    [BindProperty]
    public string? Capacity { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? Trainer { get; set; }

    public IReadOnlyList<Choice> ModuleChoices { get; private set; } = [];

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    public IReadOnlyList<Choice> OnlineChoices => [new("yes", t["Sessions_Online"])];

    public IReadOnlyList<Choice> LanguageChoices => [.. SignUpOptions.Languages.Where(l => l != "other").Select(l => new Choice(l, t[$"Language_{l}"]))];

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding is "opgeslagen" ? "Sessions_Saved" : null;
        Language = "nl";
        Capacity = "12";
        Start = "19:30";
        End = "21:30";
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var module = int.TryParse(Module, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && ModuleChoices.Any(c => c.Value == Module) ? m : (int?)null;
        if (module is null)
        {
            this.AddError(nameof(Module), t["Error_Sessions_Module"]);
        }

        var online = Online.Contains("yes");
        int? city = null;
        if (!string.IsNullOrEmpty(City))
        {
            if (int.TryParse(City, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && CityChoices.Any(x => x.Value == City))
            {
                city = c;
            }
            else
            {
                this.AddError(nameof(City), t["Error_Choice_Unknown"]);
            }
        }
        else if (!online || !staff.IsNational)
        {
            // Only national staff schedule sessions open to every city; those are online.
            this.AddError(nameof(City), t["Error_Sessions_City"]);
        }

        var when = LocalTimes.Read(this, t, time, Date, Start, End);

        var place = LocalTimes.ReadPlace(this, t, Place, online);

        var capacity = int.TryParse(Capacity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap is >= 1 and <= 500 ? cap : (int?)null;
        if (capacity is null)
        {
            this.AddError(nameof(Capacity), t["Error_Sessions_Capacity"]);
        }

        if (!LanguageChoices.Any(c => c.Value == Language))
        {
            this.AddError(nameof(Language), t["Error_Choice_Unknown"]);
        }

        this.CheckText(t, nameof(Trainer), Trainer, Limits.Name, "Error_Sessions_Trainer");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        db.TrainingSessions.Add(new TrainingSession
        {
            Id = Guid.NewGuid(),
            ModuleId = module!.Value,
            CityId = city,
            StartsAt = when!.StartsAt,
            EndsAt = when.EndsAt,
            Place = place!,
            Online = online,
            Capacity = capacity!.Value,
            Language = Language!,
            Trainer = TextRules.Clean(Trainer)!,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = me,
        });
        await db.SaveChangesAsync(ct);
        return Redirect("/beheer/trainingen?melding=opgeslagen");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        var names = await db.Cities.AsNoTracking().Where(c => cities.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct);
        CityChoices = [.. names.Select(c => new Choice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name))];
        ModuleChoices = [.. (await db.TrainingModules.AsNoTracking().OrderBy(x => x.SortOrder).ToListAsync(ct))
            .Select(x => new Choice(x.Id.ToString(CultureInfo.InvariantCulture), t[$"TrainingModule_{x.Key}"]))];
        var since = time.GetUtcNow().AddDays(-14);
        var rows = await db.TrainingSessions.AsNoTracking().Include(s => s.Module)
            .Where(s => (s.CityId == null || cities.Contains(s.CityId.Value)) && s.StartsAt > since)
            .OrderBy(s => s.StartsAt).Take(200)
            .Select(s => new
            {
                Session = s,
                Taken = s.Registrations.Count(r => r.Status == RegistrationStatus.Registered),
                Waiting = s.Registrations.Count(r => r.Status == RegistrationStatus.Waiting),
            })
            .ToListAsync(ct);
        Sessions = [.. rows.Select(r => new Row(r.Session, names.FirstOrDefault(c => c.Id == r.Session.CityId)?.Name, r.Taken, r.Waiting))];
    }
}
