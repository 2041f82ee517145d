using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Trainings;

/// <summary>
/// Training sessions of the coordinator's cities (and the online ones): what is coming, how full,
/// and a form to schedule one. Times are typed and shown in Europe/Amsterdam and stored as instants.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class SessionsModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : SessionFormModel(t, time)
{
    public sealed record Row(TrainingSession Session, string? City, int Taken, int Waiting);

    public IReadOnlyList<Row> Sessions { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty]
    public string? Module { get; set; }

    [BindProperty]
    public string? City { get; set; }

    public IReadOnlyList<Choice> ModuleChoices { get; private set; } = [];

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

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
            this.AddError(nameof(Module), Texts["Error_Sessions_Module"]);
        }

        int? city = null;
        if (!string.IsNullOrEmpty(City))
        {
            if (int.TryParse(City, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && CityChoices.Any(x => x.Value == City))
            {
                city = c;
            }
            else
            {
                this.AddError(nameof(City), Texts["Error_Choice_Unknown"]);
            }
        }
        else if (!IsOnline || !staff.IsNational)
        {
            // Only national staff schedule sessions open to every city; those are online.
            this.AddError(nameof(City), Texts["Error_Sessions_City"]);
        }

        var input = Read();
        if (input is null || !ModelState.IsValid)
        {
            return Page();
        }

        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        db.TrainingSessions.Add(new TrainingSession
        {
            Id = Guid.NewGuid(),
            ModuleId = module!.Value,
            CityId = city,
            StartsAt = input.When.StartsAt,
            EndsAt = input.When.EndsAt,
            Place = input.Place,
            Online = input.Online,
            Capacity = input.Capacity,
            Language = input.Language,
            Trainer = input.Trainer,
            CreatedAt = Clock.GetUtcNow(),
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
            .Select(x => new Choice(x.Id.ToString(CultureInfo.InvariantCulture), Texts[$"TrainingModule_{x.Key}"]))];
        var since = Clock.GetUtcNow().AddDays(-14);
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
