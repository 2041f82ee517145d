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
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Trainings;

/// <summary>
/// One session for the coordinator: who has a place, the waiting list in order, and — once it has
/// begun — who attended. Attendance updates each group's training record and readiness.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class SessionDetailModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TrainingService trainings, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public TrainingSession Session { get; private set; } = null!;

    public IReadOnlyList<TrainingRegistration> Registered { get; private set; } = [];

    public IReadOnlyList<TrainingRegistration> Waiting { get; private set; } = [];

    public bool Begun => Session.StartsAt <= time.GetUtcNow();

    public string? Notice { get; private set; }

    [BindProperty]
    public List<Guid> Attended { get; set; } = [];

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

    public IReadOnlyList<Choice> OnlineChoices => [new("yes", t["Sessions_Online"])];

    public IReadOnlyList<Choice> LanguageChoices => [.. SignUpOptions.Languages.Where(l => l != "other").Select(l => new Choice(l, t[$"Language_{l}"]))];

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken ct)
    {
        Notice = melding switch
        {
            "opgeslagen" => "SessionDetail_Saved",
            "geannuleerd" => "SessionDetail_CancelledNotice",
            "gewijzigd" => "SessionDetail_ChangedNotice",
            _ => null,
        };
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var starts = Session.StartsAt.ToNetherlands();
        Date = starts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Start = starts.ToString("HH:mm", CultureInfo.InvariantCulture);
        End = Session.EndsAt.ToNetherlands().ToString("HH:mm", CultureInfo.InvariantCulture);
        Place = Session.Place;
        Online = Session.Online ? ["yes"] : [];
        Capacity = Session.Capacity.ToString(CultureInfo.InvariantCulture);
        Language = Session.Language;
        Trainer = Session.Trainer;
        return Page();
    }

    /// <summary>Changes the session (before it begins): a new time or place is told to everyone on it.</summary>
    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var when = LocalTimes.Read(this, t, time, Date, Start, End);
        var online = Online.Contains("yes");
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
        if (!ModelState.IsValid || when is null)
        {
            return Page();
        }

        var change = new TrainingService.Change(when.StartsAt, when.EndsAt, place!, online, capacity!.Value, Language!, TextRules.Clean(Trainer)!);
        var (result, taken) = await trainings.ChangeSessionAsync(await staff.CityIdsAsync(ct), staff.IsNational, id, change, ct);
        switch (result)
        {
            case TrainingService.Result.Changed:
                return Redirect($"/beheer/trainingen/{id}?melding=gewijzigd");
            case TrainingService.Result.TooSmall:
                this.AddError(nameof(Capacity), t["Error_Sessions_CapacityBelowTaken", taken]);
                return Page();
            case TrainingService.Result.NotFound:
                return NotFound();
            default:
                return Redirect($"/beheer/trainingen/{id}");
        }
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !Begun)
        {
            return NotFound();
        }

        var registrations = await db.TrainingRegistrations.Where(r => r.SessionId == id && r.Status == RegistrationStatus.Registered).ToListAsync(ct);
        foreach (var registration in registrations)
        {
            registration.Attended = Attended.Contains(registration.Id);
        }

        await db.SaveChangesAsync(ct);

        // Each group of these members: its record, and its readiness with it.
        var memberIds = registrations.Select(r => r.MemberId).ToList();
        var groups = await db.Groups.Where(g => g.Members.Any(m => memberIds.Contains(m.Id))).Include(g => g.Members).AsSplitQuery().ToListAsync(ct);
        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        var now = time.GetUtcNow();
        foreach (var group in groups.Where(GroupReadiness.InPreparation))
        {
            if (await TrainingRecord.UpdateAsync(db, group, now, ct))
            {
                db.GroupEvents.Add(new GroupEvent { GroupId = group.Id, At = now, ByName = me, Kind = group.TrainingsDoneAt is null ? "TrainingsNotDone" : "TrainingsDone" });
            }
        }

        await db.SaveChangesAsync(ct);
        return Redirect($"/beheer/trainingen/{id}?melding=opgeslagen");
    }

    /// <summary>Cancels the session (before it begins); everyone on it hears.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        await trainings.CancelSessionAsync(await staff.CityIdsAsync(ct), staff.IsNational, id, ct) switch
        {
            TrainingService.Result.Cancelled => Redirect($"/beheer/trainingen/{id}?melding=geannuleerd"),
            TrainingService.Result.NotFound => NotFound(),
            _ => Redirect($"/beheer/trainingen/{id}"),
        };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        var session = await db.TrainingSessions.AsNoTracking().Include(s => s.Module)
            .SingleOrDefaultAsync(s => s.Id == id && (s.CityId == null || cities.Contains(s.CityId.Value)), ct);
        if (session is null)
        {
            return false;
        }

        Session = session;
        // Scope: a coordinator sees the registrations of members of their cities' groups only (online sessions are shared).
        var registrations = await db.TrainingRegistrations.AsNoTracking().Include(r => r.Member).ThenInclude(m => m!.Group)
            .Where(r => r.SessionId == id && r.Status != RegistrationStatus.Cancelled && cities.Contains(r.Member!.Group!.CityId))
            .OrderBy(r => r.Position)
            .ToListAsync(ct);
        Registered = [.. registrations.Where(r => r.Status == RegistrationStatus.Registered)];
        Waiting = [.. registrations.Where(r => r.Status == RegistrationStatus.Waiting)];
        if (!Request.HasFormContentType)
        {
            Attended = [.. Registered.Where(r => r.Attended == true).Select(r => r.Id)];
        }

        return true;
    }
}
