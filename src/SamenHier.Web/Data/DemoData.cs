using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Data;

/// <summary>
/// Demo groups for Development, so a visitor sees a living programme. Invented people with
/// addresses at example.org (reserved, never delivered). Only added to a database without groups.
/// </summary>
public static class DemoData
{
    private static readonly string[] FirstNames =
        ["Anouk", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Iris", "Joost", "Karim", "Lotte", "Mehmet", "Noor", "Olaf", "Priya", "Ruben", "Sanne", "Thijs", "Yara"];

    private static readonly string[] LastNames =
        ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "El Amrani", "Yilmaz"];

    private static readonly (string City, GroupType Type, string Name, bool Complete)[] Groups =
    [
        ("den-haag", GroupType.Sponsor, "Buren van de Regentesse", true),
        ("den-haag", GroupType.Welcome, "Welkom in Laak", true),
        ("den-haag", GroupType.Welcome, "Scheveningen Samen", false),
        ("rotterdam", GroupType.Sponsor, "Kralingen Verwelkomt", true),
        ("rotterdam", GroupType.Sponsor, "Noord Helpt", true),
        ("almere", GroupType.Sponsor, "Almere Haven Groep", true),
        ("haarlem", GroupType.Sponsor, "Haarlemmers voor Elkaar", true),
        ("haarlem", GroupType.Sponsor, "Schalkwijk Samen", false),
    ];

    public static async Task EnsureAsync(AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Groups.AnyAsync(ct))
        {
            return;
        }

        var cities = await db.Cities.ToDictionaryAsync(c => c.Slug, ct);
        var now = time.GetUtcNow();
        var person = 0;
        for (var g = 0; g < Groups.Length; g++)
        {
            var (slug, type, name, complete) = Groups[g];
            var created = now.AddDays(-(Groups.Length - g) * 20);
            var group = new Group
            {
                Id = Guid.NewGuid(),
                CityId = cities[slug].Id,
                Type = type,
                Name = name,
                Motivation = "Demo: wij willen onze buurt openstellen voor nieuwkomers.",
                Status = complete ? GroupStatus.Complete : GroupStatus.AwaitingConfirmation,
                CreatedAt = complete ? created : now.AddDays(-2),
                ExpiresAt = (complete ? created : now.AddDays(-2)).AddDays(14),
                CompletedAt = complete ? created.AddDays(5) : null,
                SubmissionKey = Guid.NewGuid(),
            };
            for (var m = 0; m < 5; m++, person++)
            {
                var first = FirstNames[person % FirstNames.Length];
                var last = LastNames[(person * 7) % LastNames.Length];
                var email = $"demo.{g + 1}.{m + 1}@example.org";
                var confirmed = complete || m < 3;
                group.Members.Add(new GroupMember
                {
                    Id = Guid.NewGuid(),
                    Position = m + 1,
                    IsContactPerson = m == 0,
                    Name = $"{first} {last}",
                    Email = email,
                    ActiveEmail = email,
                    Phone = $"+3161234{person:D4}",
                    Municipality = cities[slug].Name,
                    DateOfBirth = new DateOnly(1960 + (person * 3 % 40), 1 + (person % 12), 1 + (person % 28)),
                    PreferredLanguage = "nl",
                    Languages = [new MemberLanguage { Language = "nl", Level = "native" }, new MemberLanguage { Language = "en", Level = "fluent" }],
                    Occupation = "Demo",
                    NetworkSectors = "education,health",
                    Availability = "weekend",
                    ConsentVersion = confirmed ? "2026-11" : null,
                    ConsentAt = confirmed ? created : null,
                    ConfirmedAt = confirmed ? created.AddDays(1) : null,
                });
            }

            db.Groups.Add(group);
        }

        await db.SaveChangesAsync(ct);
    }
}
