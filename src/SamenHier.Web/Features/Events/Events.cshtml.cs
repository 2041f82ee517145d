using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Events;

/// <summary>
/// Community events for everyone signed in — members, newcomers, community builders — of their
/// cities and national: answer for the household (how many come), change or take back that answer,
/// and add an event to a calendar.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EventsModel(AppDbContext db, CurrentStaff me, EventService events, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public sealed record Row(CommunityEvent Event, int Taken, int? Mine);

    public IReadOnlyList<Row> Events { get; private set; } = [];

    public IReadOnlyList<(string Slug, string Name)> Cities { get; private set; } = [];

    public string? Notice { get; private set; }

    /// <summary>The event whose answer was refused, with what was typed.</summary>
    public Guid? Refused { get; private set; }

    public string? RefusedPeople { get; private set; }

    public string Home => User.IsInRole(PortalRoles.Newcomer) ? "/nieuwkomer" : User.IsInRole(PortalRoles.GroupMember) ? "/mijn-groep" : "/beheer";

    public static IReadOnlyList<int> PeopleChoices { get; } = [.. Enumerable.Range(1, EventModel.MaxPeople)];

    public static string FieldFor(Guid id) => $"People_{id:N}";

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding switch
        {
            "aangemeld" => "MyEvents_Going",
            "afgemeld" => "MyEvents_NotGoing",
            _ => null,
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostRsvpAsync(Guid id, string? people, CancellationToken ct)
    {
        if (!int.TryParse(people, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > EventModel.MaxPeople)
        {
            return await RefuseAsync(id, people, t["Error_Events_People", EventModel.MaxPeople], ct);
        }

        var answer = await events.RsvpAsync(me.Id, id, count, ct);
        return answer.Outcome switch
        {
            EventService.Outcome.Going => Redirect($"/activiteiten?melding=aangemeld#activiteit-{id}"),
            EventService.Outcome.Full => await RefuseAsync(id, people, answer.PlacesLeft == 0 ? t["Error_Events_Full"] : t["Error_Events_PlacesLeft", answer.PlacesLeft], ct),
            _ => NotFound(),
        };
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        await events.CancelRsvpAsync(me.Id, id, ct) == EventService.Outcome.Cancelled
            ? Redirect($"/activiteiten?melding=afgemeld#activiteit-{id}")
            : NotFound();

    private async Task<IActionResult> RefuseAsync(Guid id, string? people, string message, CancellationToken ct)
    {
        this.AddError(FieldFor(id), message);
        (Refused, RefusedPeople) = (id, people);
        await LoadAsync(ct);
        return Events.Any(r => r.Event.Id == id) ? Page() : NotFound();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = me.Id;
        var cities = await PersonScope.CityIdsAsync(db, userId, ct);
        var rows = await events.Upcoming(cities).AsNoTracking()
            .OrderBy(e => e.StartsAt).Take(100)
            .Select(e => new
            {
                Event = e,
                Taken = e.Rsvps.Where(r => r.CancelledAt == null).Sum(r => (int?)r.People) ?? 0,
                Mine = e.Rsvps.Where(r => r.UserId == userId && r.CancelledAt == null).Select(r => (int?)r.People).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Events = [.. rows.Select(r => new Row(r.Event, r.Taken, r.Mine))];
        Cities = [.. (await db.Cities.AsNoTracking().Where(c => cities.Contains(c.Id)).OrderBy(c => c.SortOrder).Select(c => new { c.Slug, c.Name }).ToListAsync(ct))
            .Select(c => (c.Slug, c.Name))];
    }
}
