using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Events;

/// <summary>
/// The community events of the coordinator's cities (and the national ones): what is coming, how
/// many come, and a form to plan one — once, or weekly for a number of weeks, at the same time on
/// the Dutch clock whatever the season.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class ManageEventsModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : EventFormModel(t, time)
{
    public const int MaxWeeks = 26;

    public sealed record Row(CommunityEvent Event, string? City, int Households, int People);

    public IReadOnlyList<Row> Events { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty]
    public string? City { get; set; }

    [BindProperty]
    public string? Weeks { get; set; }

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    public bool National => staff.IsNational;

    public async Task OnGetAsync(string? melding, CancellationToken ct)
    {
        Notice = melding is "opgeslagen" ? "Events_Saved" : null;
        Start = "19:30";
        End = "21:30";
        Weeks = "1";
        Languages = ["nl"];
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
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
        else if (!staff.IsNational)
        {
            // Only national staff plan national events.
            this.AddError(nameof(City), Texts["Error_Events_City"]);
        }

        var weeks = int.TryParse(Weeks?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w is >= 1 and <= MaxWeeks ? w : (int?)null;
        if (weeks is null)
        {
            this.AddError(nameof(Weeks), Texts["Error_Events_Weeks", MaxWeeks]);
        }

        var input = Read();
        if (input is not null && weeks is { } count)
        {
            // Every week's times must exist on the clock, not only the first week's.
            var skipped = Enumerable.Range(0, count).Select(i => input.When.AddDays(7 * i))
                .FirstOrDefault(w => LocalTimes.Skipped(w.Day, w.Start) || LocalTimes.Skipped(w.Day, w.End));
            if (skipped is not null)
            {
                this.AddError(nameof(Weeks), Texts["Error_Events_SeriesSkips", skipped.Day.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)]);
            }
        }

        if (input is null || !ModelState.IsValid)
        {
            return Page();
        }

        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        var series = weeks > 1 ? Guid.NewGuid() : (Guid?)null;
        var now = Clock.GetUtcNow();
        for (var i = 0; i < weeks; i++)
        {
            // The same time on the clock each week: the instant moves with summer and winter time.
            var when = input.When.AddDays(7 * i);
            db.CommunityEvents.Add(new CommunityEvent
            {
                Id = Guid.NewGuid(),
                CityId = city,
                Title = input.Title,
                Description = input.Description,
                StartsAt = when.StartsAt,
                EndsAt = when.EndsAt,
                Place = input.Place,
                Online = input.Online,
                Capacity = input.Capacity,
                Languages = input.Languages,
                Accessibility = input.Accessibility,
                Public = input.Public,
                SeriesId = series,
                CreatedAt = now,
                CreatedBy = me,
            });
        }

        await db.SaveChangesAsync(ct);
        return Redirect("/beheer/activiteiten?melding=opgeslagen");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        var names = await db.Cities.AsNoTracking().Where(c => cities.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct);
        CityChoices = [.. names.Select(c => new Choice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name))];
        var since = Clock.GetUtcNow().AddDays(-14);
        var rows = await db.CommunityEvents.AsNoTracking()
            .Where(e => (e.CityId == null || cities.Contains(e.CityId.Value)) && e.StartsAt > since)
            .OrderBy(e => e.StartsAt).Take(200)
            .Select(e => new
            {
                Event = e,
                Households = e.Rsvps.Count(r => r.CancelledAt == null),
                People = e.Rsvps.Where(r => r.CancelledAt == null).Sum(r => (int?)r.People) ?? 0,
            })
            .ToListAsync(ct);
        Events = [.. rows.Select(r => new Row(r.Event, names.FirstOrDefault(c => c.Id == r.Event.CityId)?.Name, r.Households, r.People))];
    }
}
