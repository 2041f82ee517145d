using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Backoffice;

/// <summary>
/// Every GET route the app has, for every kind of visitor, with the answer each must get. The list of
/// routes comes from the app itself: a new page that is not in the table below fails this test until
/// someone decides who may see it.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private enum Who
    {
        Anonymous,
        National,
        Coordinator,
        OtherCityCoordinator,
        CommunityBuilder,
        GroupMember,
        Newcomer,
    }

    private enum Answer
    {
        Ok,
        SignIn,
        Forbidden,
        NotFound,
        Redirect,
    }

    private const Answer O = Answer.Ok;
    private const Answer S = Answer.SignIn;
    private const Answer F = Answer.Forbidden;
    private const Answer N = Answer.NotFound;
    private const Answer R = Answer.Redirect;

    // Route → expected answer for: anonymous, national, coordinator (own city), coordinator (other city),
    // community builder (of the group), group member and newcomer (both signed in by e-mailed link).
    private static readonly Dictionary<string, Answer[]> Expected = new()
    {
        [""] = [O, O, O, O, O, O, O],
        ["hoe-het-werkt"] = [O, O, O, O, O, O, O],
        ["steden"] = [O, O, O, O, O, O, O],
        ["contact"] = [O, O, O, O, O, O, O],
        ["privacy"] = [O, O, O, O, O, O, O],
        ["fout"] = [O, O, O, O, O, O, O],
        ["health"] = [O, O, O, O, O, O, O],
        ["health/live"] = [O, O, O, O, O, O, O],
        ["taal/{culture}"] = [R, R, R, R, R, R, R],
        ["aanmelden"] = [O, O, O, O, O, O, O],
        ["aanmelden/stad"] = [O, O, O, O, O, O, O],
        ["aanmelden/soort"] = [R, R, R, R, R, R, R],
        ["aanmelden/groep"] = [R, R, R, R, R, R, R],
        ["aanmelden/lid/{number:int}"] = [R, R, R, R, R, R, R],
        ["aanmelden/leden"] = [R, R, R, R, R, R, R],
        ["aanmelden/toestemming"] = [R, R, R, R, R, R, R],
        ["aanmelden/controleren"] = [R, R, R, R, R, R, R],
        ["aanmelden/verstuurd"] = [O, O, O, O, O, O, O],
        ["aanmelden/bevestigen"] = [O, O, O, O, O, O, O],
        ["aanmelden/bevestigd"] = [O, O, O, O, O, O, O],
        ["aanmelden/status"] = [O, O, O, O, O, O, O],
        ["aanmelden/status/vervangen"] = [O, O, O, O, O, O, O],
        ["inloggen"] = [O, O, O, O, O, O, O],
        ["inloggen/link"] = [O, O, O, O, O, O, O],
        ["mijn-groep"] = [R, F, F, F, F, O, F],
        ["mijn-gegevens"] = [R, F, F, F, F, F, O],
        ["mijn-groep/plan"] = [R, F, F, F, F, O, F],
        ["mijn-groep/plan/taak/{id:guid?}"] = [R, F, F, F, F, O, F],
        ["mijn-groep/plan/doelen"] = [R, F, F, F, F, O, F],
        ["mijn-groep/dagboek"] = [R, F, F, F, F, O, F],
        ["mijn-groep/kennisbank"] = [R, F, F, F, F, O, F],
        ["mijn-groep/trainingen"] = [R, F, F, F, F, O, F],
        ["mijn-groep/verlaten"] = [R, F, F, F, F, O, F],
        ["nieuwkomer"] = [R, F, F, F, F, F, O],
        ["nieuwkomer/hulp"] = [R, F, F, F, F, F, O],
        // Not matched with a group yet: no diary to write in.
        ["nieuwkomer/dagboek"] = [R, F, F, F, F, F, N],
        ["beheer/inloggen"] = [O, O, O, O, O, O, O],
        ["beheer/inloggen/code"] = [R, R, R, R, R, R, R],
        ["beheer/wachtwoord"] = [O, O, O, O, O, O, O],
        ["beheer/authenticator"] = [O, O, O, O, O, O, O],
        ["beheer/geen-toegang"] = [F, F, F, F, F, F, F],
        ["beheer/uitloggen"] = [S, R, R, R, R, F, F],
        ["beheer"] = [S, O, O, O, O, F, F],
        ["beheer/medewerkers"] = [S, O, F, F, F, F, F],
        ["beheer/groepen"] = [S, O, O, O, F, F, F],
        ["beheer/groepen/{id:guid}"] = [S, O, O, N, F, F, F],
        ["beheer/groepen/{id:guid}/jaar"] = [S, O, O, N, O, F, F],
        // The group's year has not begun: there is no check-in to record yet.
        ["beheer/groepen/{id:guid}/check-in/{with}/{milestone}"] = [S, N, N, N, N, F, F],
        ["beheer/signalen"] = [S, O, O, O, O, F, F],
        ["beheer/privacy"] = [S, O, F, F, F, F, F],
        ["beheer/kennisbank"] = [S, O, O, O, F, F, F],
        ["beheer/kennisbank/artikel/{id:guid?}"] = [S, O, O, O, F, F, F],
        ["beheer/sjablonen"] = [S, O, O, O, F, F, F],
        ["beheer/sjablonen/taak/{id:guid?}"] = [S, O, O, O, F, F, F],
        ["beheer/trainingen"] = [S, O, O, O, F, F, F],
        ["beheer/trainingen/{id:guid}"] = [S, N, N, N, F, F, F],
        ["beheer/activiteiten"] = [S, O, O, O, F, F, F],
        ["beheer/activiteiten/{id:guid}"] = [S, N, N, N, F, F, F],
        ["beheer/impact"] = [S, O, O, O, F, F, F],
        ["beheer/impact/onderzoek"] = [S, O, F, F, F, F, F],
        ["doneren"] = [O, O, O, O, O, O, O],
        ["doneren/wijzigen"] = [O, O, O, O, O, O, O],
        ["beheer/donaties"] = [S, O, F, F, F, F, F],
        ["helpen/{soort?}"] = [N, N, N, N, N, N, N],
        ["beheer/berichten"] = [S, O, O, O, F, F, F],
        ["beheer/berichten/{id:guid}"] = [S, N, N, N, F, F, F],
        ["verhalen/{slug?}"] = [N, N, N, N, N, N, N],
        ["beheer/verhalen/{id:guid?}"] = [S, O, F, F, F, F, F],
        ["activiteiten"] = [R, O, O, O, O, O, O],
        ["meldingen"] = [R, O, O, O, O, O, O],
        ["mijn-data"] = [S, O, O, O, O, O, O],
        ["vragenlijst/{id:guid}/{step:int?}"] = [R, N, N, N, N, N, N],
        ["agenda/{token}.ics"] = [N, N, N, N, N, N, N],
        ["steden/{slug}/agenda.ics"] = [O, O, O, O, O, O, O],
        ["agenda/training/{id:guid}.ics"] = [S, N, N, N, N, N, N],
        ["agenda/activiteit/{id:guid}.ics"] = [N, N, N, N, N, N, N],
        ["beheer/community-bouwers"] = [S, O, O, O, F, F, F],
        ["beheer/community-bouwers/{id:guid}"] = [S, O, O, N, F, F, F],
        ["beheer/mijn-groepen/{id:guid?}"] = [S, O, O, O, O, F, F],
        ["beheer/steden/{id:int?}"] = [S, O, F, F, F, F, F],
        ["beheer/nieuwkomers"] = [S, O, O, O, F, F, F],
        ["beheer/nieuwkomers/bewerken/{id:guid?}"] = [S, O, O, O, F, F, F],
        ["beheer/koppelen"] = [S, O, O, O, F, F, F],
        ["beheer/koppelen/{id:guid}"] = [S, N, N, N, F, F, F],
        ["beheer/koppelen/{id:guid}/besluit"] = [S, N, N, N, F, F, F],
    };

    // Pages about one record, opened with the record's id: a community builder sees only the group at whose side they stand.
    private static readonly Dictionary<string, Answer[]> ExpectedForRecord = new()
    {
        ["beheer/mijn-groepen/{group}"] = [S, N, N, N, O, F, F],
        ["beheer/nieuwkomers/bewerken/{newcomer}"] = [S, O, O, N, F, F, F],
        ["beheer/koppelen/{run}"] = [S, O, O, N, F, F, F],
        // An event of Den Haag that is not public: for the people of Den Haag (and national staff) only.
        ["beheer/activiteiten/{event}"] = [S, O, O, N, F, F, F],
        ["agenda/activiteit/{event}.ics"] = [N, O, O, N, O, O, O],
    };

    [Fact]
    public async Task EveryRoute_ForEveryRole_GivesTheExpectedAnswer()
    {
        await using var app = new AppFactory();
        var group = await StaffJourney.CompleteGroupAsync(app, "dh", city: "den-haag");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var clients = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = app.Client(),
            [Who.National] = admin,
            [Who.Coordinator] = await StaffJourney.InviteAsync(app, admin, "dh@samenhier.nl", "Coordinator", "den-haag"),
            [Who.OtherCityCoordinator] = await StaffJourney.InviteAsync(app, admin, "rdam@samenhier.nl", "Coordinator", "rotterdam"),
            [Who.CommunityBuilder] = await StaffJourney.InviteAsync(app, admin, "bouwer@samenhier.nl", "CommunityBuilder", "den-haag"),
            [Who.GroupMember] = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl"),
        };
        var builder = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "bouwer@samenhier.nl").Select(u => u.Id).SingleAsync());
        await StaffJourney.AssignBuilderAsync(admin, group, builder, capacity: 2);
        var newcomer = await NewcomerJourney.AddAsync(clients[Who.Coordinator], app, "Familie Matrix", "den-haag", email: "matrix@voorbeeld.nl");
        clients[Who.Newcomer] = await MemberJourney.SignInAsync(app, "matrix@voorbeeld.nl", "/nieuwkomer");
        var run = (await MatchingJourney.RunAsync(clients[Who.Coordinator], app, "den-haag")).Path.Split('/')[^1];
        var denHaag = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "den-haag").Select(c => c.Id).SingleAsync());
        var communityEvent = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            var at = app.Time!.GetUtcNow().AddDays(5);
            db.CommunityEvents.Add(new SamenHier.Web.Features.Events.CommunityEvent
            {
                Id = communityEvent,
                CityId = denHaag,
                Title = "Buurtmaaltijd",
                StartsAt = at,
                EndsAt = at.AddHours(2),
                Place = "Buurthuis",
                Languages = "nl",
                Accessibility = "Drempelvrij",
                CreatedBy = "Test",
            });
            await db.SaveChangesAsync();
            return 0;
        });

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Distinct()
            .Order()
            .ToList();
        Assert.Equal(Expected.Keys.Order(), routes);

        var failures = new List<string>();
        foreach (var route in routes)
        {
            var id = route.StartsWith("beheer/community-bouwers", StringComparison.Ordinal) ? builder : group;
            var url = "/" + route.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal)
                .Replace("{number:int}", "1", StringComparison.Ordinal)
                .Replace("{id:int?}", "1", StringComparison.Ordinal)
                .Replace("/{id:guid?}", "", StringComparison.Ordinal)
                .Replace("/{step:int?}", "", StringComparison.Ordinal)
                .Replace("{culture}", "en", StringComparison.Ordinal)
                .Replace("{slug}", "den-haag", StringComparison.Ordinal)
                .Replace("{token}", "x", StringComparison.Ordinal)
                .Replace("{with}", "Group", StringComparison.Ordinal)
                .Replace("{milestone}", "Week2", StringComparison.Ordinal);
            foreach (var (who, client) in clients)
            {
                var expected = Expected[route][(int)who];
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await client.SendAsync(request);
                var actual = Classify(response, url);
                if (actual != expected)
                {
                    failures.Add($"{who} GET {url}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        foreach (var (route, answers) in ExpectedForRecord)
        {
            var url = "/" + route.Replace("{group}", group.ToString(), StringComparison.Ordinal).Replace("{newcomer}", newcomer.ToString(), StringComparison.Ordinal)
                .Replace("{run}", run, StringComparison.Ordinal).Replace("{event}", communityEvent.ToString(), StringComparison.Ordinal);
            foreach (var (who, client) in clients)
            {
                using var response = await client.GetAsync(url);
                var actual = Classify(response, url);
                if (actual != answers[(int)who])
                {
                    failures.Add($"{who} GET {url}: expected {answers[(int)who]}, got {actual} ({(int)response.StatusCode})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What a person following the redirects ends up with.</summary>
    private static Answer Classify(HttpResponseMessage response, string requested)
    {
        var final = response.RequestMessage!.RequestUri!;
        return response.StatusCode switch
        {
            HttpStatusCode.Forbidden => Answer.Forbidden,
            HttpStatusCode.NotFound => Answer.NotFound,
            HttpStatusCode.OK when final.AbsolutePath == "/beheer/inloggen" && final.Query.Contains("terug=", StringComparison.Ordinal) => Answer.SignIn,
            HttpStatusCode.OK when final.PathAndQuery != requested => Answer.Redirect,
            HttpStatusCode.OK => Answer.Ok,
            _ => (Answer)(-1),
        };
    }
}
