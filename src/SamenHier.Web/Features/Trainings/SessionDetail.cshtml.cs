using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Trainings;

/// <summary>
/// One session for the coordinator: who has a place, the waiting list in order, and — once it has
/// begun — who attended. Attendance updates each group's training record and readiness.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class SessionDetailModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TrainingService trainings, TimeProvider time, IStringLocalizer<SharedResource> t) : SessionFormModel(t, time)
{
    public TrainingSession Session { get; private set; } = null!;

    public IReadOnlyList<TrainingRegistration> Registered { get; private set; } = [];

    public IReadOnlyList<TrainingRegistration> Waiting { get; private set; } = [];

    public bool Begun => Session.StartsAt <= Clock.GetUtcNow();

    public string? Notice { get; private set; }

    [BindProperty]
    public List<Guid> Attended { get; set; } = [];


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

        Fill(Session);
        return Page();
    }

    /// <summary>Changes the session (before it begins): a new time or place is told to everyone on it.</summary>
    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var input = Read();
        if (input is null)
        {
            return Page();
        }

        var change = new TrainingService.Change(input.When.StartsAt, input.When.EndsAt, input.Place, input.Online, input.Capacity, input.Language, input.Trainer);
        var (result, taken) = await trainings.ChangeSessionAsync(await staff.CityIdsAsync(ct), staff.IsNational, id, change, ct);
        switch (result)
        {
            case TrainingService.Result.Changed:
                return Redirect($"/beheer/trainingen/{id}?melding=gewijzigd");
            case TrainingService.Result.TooSmall:
                this.AddError(nameof(Capacity), Texts["Error_Sessions_CapacityBelowTaken", taken]);
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
        var now = Clock.GetUtcNow();
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
