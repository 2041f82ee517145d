using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure;
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

        var today = time.TodayInNetherlands();
        var day = DateOnly.TryParseExact(Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= today && d <= today.AddYears(2) ? d : (DateOnly?)null;
        if (day is null)
        {
            this.AddError(nameof(Date), t["Error_Sessions_Date"]);
        }

        var from = ParseTime(nameof(Start), Start);
        var to = ParseTime(nameof(End), End);
        if (from is { } f && to is { } e && e <= f)
        {
            this.AddError(nameof(End), t["Error_Sessions_EndBeforeStart"]);
        }

        // On the last Sunday of March the clock jumps from 02:00 to 03:00: those times do not exist.
        if (day is { } on && from is { } begins && TimeExtensions.Netherlands.IsInvalidTime(on.ToDateTime(begins)))
        {
            this.AddError(nameof(Start), t["Error_Sessions_NoSuchTime"]);
        }

        this.CheckText(t, nameof(Place), Place, Limits.Link, online ? "Error_Sessions_Link" : "Error_Sessions_Place");
        if (online && !string.IsNullOrWhiteSpace(Place) && !Year.KnowledgeEditModel.IsWebAddress(Place.Trim()))
        {
            this.AddError(nameof(Place), t["Error_Knowledge_Link"]);
        }

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

        var startsAt = Instant(day!.Value, from!.Value);
        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        db.TrainingSessions.Add(new TrainingSession
        {
            Id = Guid.NewGuid(),
            ModuleId = module!.Value,
            CityId = city,
            StartsAt = startsAt,
            EndsAt = Instant(day.Value, to!.Value),
            Place = TextRules.Clean(Place)!,
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

    /// <summary>A date and a time on the clock in the Netherlands, as an instant (summer and winter time right).</summary>
    public static DateTimeOffset Instant(DateOnly day, TimeOnly at)
    {
        var local = day.ToDateTime(at);
        return new DateTimeOffset(local, TimeExtensions.Netherlands.GetUtcOffset(local)).ToUniversalTime();
    }

    private TimeOnly? ParseTime(string field, string? value)
    {
        if (TimeOnly.TryParseExact(value?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return at;
        }

        this.AddError(field, t["Error_Sessions_Time"]);
        return null;
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
