using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Portal;

namespace SamenHier.Web.Features.Trainings;

/// <summary>A member's trainings: the sessions open to their group, with free places or a waiting list, and their own registrations.</summary>
[Authorize(Policy = Policies.GroupMember)]
public sealed class MyTrainingsModel(AppDbContext db, CurrentStaff me, TrainingService trainings) : PageModel
{
    public sealed record Row(TrainingSession Session, int Taken, int Waiting, RegistrationStatus? Mine, int? Position);

    public Group? Group { get; private set; }

    public IReadOnlyList<Row> Sessions { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding switch
        {
            "aangemeld" => "MyTrainings_Registered",
            "wachtlijst" => "MyTrainings_Waiting",
            "afgemeld" => "MyTrainings_Cancelled",
            _ => null,
        };
        Group = await PortalScope.MemberGroupAsync(db, me.Id, ct);
        if (Group is null)
        {
            return;
        }

        var memberId = Group.Members.First(m => m.UserId == me.Id).Id;
        var sessions = await trainings.OpenFor(Group).AsNoTracking().Include(s => s.Module)
            .OrderBy(s => s.StartsAt).Take(100)
            .Select(s => new
            {
                Session = s,
                Taken = s.Registrations.Count(r => r.Status == RegistrationStatus.Registered),
                Waiting = s.Registrations.Where(r => r.Status == RegistrationStatus.Waiting).Select(r => new { r.MemberId, r.Position }).ToList(),
                Mine = s.Registrations.Where(r => r.MemberId == memberId && r.Status != RegistrationStatus.Cancelled).Select(r => (RegistrationStatus?)r.Status).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Sessions = [.. sessions.Select(s =>
        {
            var order = s.Waiting.OrderBy(w => w.Position).Select(w => w.MemberId).ToList();
            var position = order.IndexOf(memberId);
            return new Row(s.Session, s.Taken, order.Count, s.Mine, position >= 0 ? position + 1 : null);
        })];
    }

    public async Task<IActionResult> OnPostRegisterAsync(Guid session, CancellationToken ct) =>
        await trainings.RegisterAsync(me.Id, session, ct) switch
        {
            TrainingService.Result.Registered => Redirect("/mijn-groep/trainingen?melding=aangemeld"),
            TrainingService.Result.Waiting => Redirect("/mijn-groep/trainingen?melding=wachtlijst"),
            _ => NotFound(),
        };

    public async Task<IActionResult> OnPostCancelAsync(Guid session, CancellationToken ct) =>
        await trainings.CancelAsync(me.Id, session, ct) == TrainingService.Result.Cancelled
            ? Redirect("/mijn-groep/trainingen?melding=afgemeld")
            : NotFound();
}
