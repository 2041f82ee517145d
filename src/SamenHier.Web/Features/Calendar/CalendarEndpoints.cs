using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Calendar;

/// <summary>
/// The calendar files. A personal feed is reached by its secret address alone (calendar apps do not
/// sign in); a city's public calendar and a public event by anyone; a session or another event by
/// signed-in people whose cities it is for. What someone may not see is simply not found.
/// </summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        app.MapGet("/agenda/{token}.ics", PersonalAsync).AllowAnonymous();
        app.MapGet("/steden/{slug}/agenda.ics", CityAsync).AllowAnonymous();
        app.MapGet("/agenda/training/{id:guid}.ics", SessionAsync).RequireAuthorization(Policies.SignedIn);
        // Public events are for anyone; the handler asks for a sign-in for the others.
        app.MapGet("/agenda/activiteit/{id:guid}.ics", EventAsync).AllowAnonymous();
        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound>> PersonalAsync(string token, CalendarFeeds feeds, UserManager<AppUser> users, IStringLocalizer<SharedResource> t, HttpContext http, CancellationToken ct)
    {
        // A locked account's calendar closes with it.
        if (await feeds.OwnerAsync(token, ct) is not { } owner || await users.FindByIdAsync(owner.ToString()) is not { } user || await users.IsLockedOutAsync(user))
        {
            return TypedResults.NotFound();
        }

        NoStore(http);
        return Ics(feeds.Write(t["Calendar_PersonalName"], await feeds.PersonalAsync(owner, ct)));
    }

    private static async Task<Results<ContentHttpResult, NotFound>> CityAsync(string slug, AppDbContext db, CalendarFeeds feeds, IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var city = await db.Cities.AsNoTracking().Where(c => c.Slug == slug).Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync(ct);
        return city is null
            ? TypedResults.NotFound()
            : Ics(feeds.Write(t["Calendar_CityName", city.Name], await feeds.CityAsync(city.Id, ct)));
    }

    /// <summary>Staff: the sessions of their cities. Members: the sessions open to their group, and those they registered for.</summary>
    private static async Task<Results<ContentHttpResult, NotFound>> SessionAsync(Guid id, ClaimsPrincipal user, AppDbContext db, CalendarFeeds feeds, HttpContext http, CancellationToken ct)
    {
        var me = Me(user);
        var sessions = db.TrainingSessions.AsNoTracking().Include(s => s.Module).Where(s => s.Id == id);
        if (StaffRoles.All.Any(user.IsInRole))
        {
            var cities = await PersonScope.CityIdsAsync(db, me, ct);
            sessions = sessions.Where(s => s.CityId == null || cities.Contains(s.CityId.Value));
        }
        else if (await Portal.PortalScope.MemberGroupAsync(db, me, ct) is { } group)
        {
            sessions = sessions.Where(s => ((s.Module!.GroupType == null || s.Module.GroupType == group.Type) && (s.CityId == null || s.CityId == group.CityId))
                || s.Registrations.Any(r => r.Member!.UserId == me));
        }
        else
        {
            return TypedResults.NotFound();
        }

        var session = await sessions.SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        NoStore(http);
        var item = feeds.Session(session, false);
        return Ics(feeds.Write(item.Summary, [item]));
    }

    private static async Task<Results<ContentHttpResult, NotFound>> EventAsync(Guid id, ClaimsPrincipal user, IAuthorizationService authorization, AppDbContext db, CalendarFeeds feeds, CancellationToken ct)
    {
        var e = await db.CommunityEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return TypedResults.NotFound();
        }

        if (!e.Public)
        {
            var signedIn = (await authorization.AuthorizeAsync(user, Policies.SignedIn)).Succeeded;
            var cities = signedIn ? await PersonScope.CityIdsAsync(db, Me(user), ct) : [];
            if (!signedIn || (e.CityId is { } city && !cities.Contains(city)))
            {
                return TypedResults.NotFound();
            }
        }

        var item = feeds.Event(e);
        return Ics(feeds.Write(item.Summary, [item]));
    }

    private static ContentHttpResult Ics(string text) => TypedResults.Content(text, Calendar.Ics.ContentType);

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    private static Guid Me(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
}
