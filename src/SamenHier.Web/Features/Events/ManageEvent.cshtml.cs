using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Events;

/// <summary>
/// One event for the coordinator: who comes and with how many, a change of time or place (told to
/// everyone who comes), or cancelling it before it begins.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class ManageEventModel(AppDbContext db, CurrentStaff staff, EventService events, TimeProvider time, IStringLocalizer<SharedResource> t) : EventFormModel(t, time)
{
    public sealed record Guest(string Name, int People);

    public CommunityEvent Event { get; private set; } = null!;

    public IReadOnlyList<Guest> Guests { get; private set; } = [];

    public bool Begun => Event.StartsAt <= Clock.GetUtcNow();

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? melding, CancellationToken ct)
    {
        Notice = melding switch
        {
            "opgeslagen" => "Events_Changed",
            "geannuleerd" => "Events_CancelledNotice",
            _ => null,
        };
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Fill(Event);
        return Page();
    }

    /// <summary>Changes the event; a new time or place goes to everyone who comes, and calendars take it.</summary>
    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Event.CancelledAt is not null || Begun)
        {
            return NotFound();
        }

        var input = Read();
        if (input is null || !ModelState.IsValid)
        {
            return Page();
        }

        // Under the event's lock: no answer can take a place between counting and saving.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await events.LockAsync(id, ct);
        var taken = await events.TakenAsync(id, ct);
        if (input.Capacity is { } capacity && capacity < taken)
        {
            this.AddError(nameof(Capacity), Texts["Error_Events_CapacityBelowTaken", taken]);
            return Page();
        }

        var e = await db.CommunityEvents.SingleAsync(x => x.Id == id, ct);
        if (e.CancelledAt is not null || e.StartsAt <= Clock.GetUtcNow())
        {
            // Cancelled or begun meanwhile: show it as it is now.
            return Redirect($"/beheer/activiteiten/{id}");
        }

        var moved = e.StartsAt != input.When.StartsAt || e.EndsAt != input.When.EndsAt || e.Place != input.Place;
        e.Title = input.Title;
        e.Description = input.Description;
        e.StartsAt = input.When.StartsAt;
        e.EndsAt = input.When.EndsAt;
        e.Place = input.Place;
        e.Online = input.Online;
        e.Capacity = input.Capacity;
        e.Languages = input.Languages;
        e.Accessibility = input.Accessibility;
        e.Public = input.Public;
        e.Sequence++;
        e.ConcurrencyStamp = Guid.NewGuid();
        if (moved)
        {
            await events.NotifyChangedAsync(e, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        events.Wake();
        return Redirect($"/beheer/activiteiten/{id}?melding=opgeslagen");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        await events.CancelEventAsync(await staff.CityIdsAsync(ct), staff.IsNational, id, ct) switch
        {
            EventService.Outcome.Cancelled => Redirect($"/beheer/activiteiten/{id}?melding=geannuleerd"),
            EventService.Outcome.NotFound => NotFound(),
            _ => Redirect($"/beheer/activiteiten/{id}"),
        };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        var e = await db.CommunityEvents.AsNoTracking()
            .SingleOrDefaultAsync(x => x.Id == id && (x.CityId == null ? staff.IsNational : cities.Contains(x.CityId.Value)), ct);
        if (e is null)
        {
            return false;
        }

        Event = e;
        Guests = await db.EventRsvps.AsNoTracking()
            .Where(r => r.EventId == id && r.CancelledAt == null)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { u.DisplayName, r.People, r.CreatedAt })
            .OrderBy(x => x.CreatedAt)
            .Select(x => new Guest(x.DisplayName, x.People))
            .ToListAsync(ct);
        return true;
    }
}
