using Microsoft.EntityFrameworkCore;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>A coordinator records a newcomer household through the form.</summary>
public static class NewcomerJourney
{
    public static async Task<Page> RecordAsync(HttpClient client, AppFactory app, string city, string label, string? health = "Rolstoeltoegankelijke woning nodig", string basis = "ExplicitConsent", string email = "", string route = "Resettlement", string language = "ar", (string, string)[]? extra = null, string detailsBasis = "PublicTask")
    {
        var cityId = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == city).Select(c => c.Id).SingleAsync());
        var form = await Page.GetAsync(client, "/beheer/nieuwkomers/bewerken");
        (string, string)[] fields =
        [
            ("Input.Label", label), ("Input.Route", route), ("Input.City", cityId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.ContactLanguage", language), ("Input.ContactEmail", email), ("Input.CurrentLocation", "Libanon"), ("Input.ExpectedArrival", "2027-03-01"),
            ("Input.People[0].FirstName", "Amal"), ("Input.People[0].BirthYear", "1988"), ("Input.People[0].Language", language), ("Input.People[0].Level", "native"),
            ("Input.People[0].Language2", "en"), ("Input.People[0].Level2", "conversational"),
            ("Input.People[0].Goals", "Verpleegkundige worden"), ("Input.People[0].GoalSectors", "health"),
            ("Input.People[1].FirstName", "Yusuf"), ("Input.People[1].BirthYear", "2015"),
            ("Input.DetailsBasis", detailsBasis), ("Input.Health", health ?? ""), ("Input.Asylum", ""), ("Input.LegalBasis", basis),
        ];

        // With health information, an accessibility need too (both restricted).
        fields = [.. fields, .. extra ?? []];
        return await form.SubmitAsync(client, health is null ? fields : [.. fields, ("Input.Needs", "wheelchair")]);
    }

    /// <summary>Records a household and returns its id.</summary>
    public static async Task<Guid> AddAsync(HttpClient client, AppFactory app, string label, string city, string email = "", (string, string)[]? extra = null)
    {
        var page = await RecordAsync(client, app, city, label, email: email, extra: extra);
        Assert.Empty(page.Errors);
        return await app.WithDbAsync(db => db.NewcomerHouseholds.Where(h => h.Label == label).Select(h => h.Id).SingleAsync());
    }
}
