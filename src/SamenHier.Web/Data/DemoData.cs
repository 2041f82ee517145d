using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;

namespace SamenHier.Web.Data;

/// <summary>
/// Demo groups, waiting households and community builders for Development, so a visitor sees a living programme. Invented people with
/// addresses at example.org (reserved, never delivered). Only added to a database without groups.
/// </summary>
public static class DemoData
{
    private static readonly string[] FirstNames =
        ["Anouk", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Iris", "Joost", "Karim", "Lotte", "Mehmet", "Noor", "Olaf", "Priya", "Ruben", "Sanne", "Thijs", "Yara"];

    private static readonly string[] LastNames =
        ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "El Amrani", "Yilmaz"];

    private static readonly (string City, GroupType Type, string Name, bool Complete, bool Ready)[] Groups =
    [
        ("den-haag", GroupType.Sponsor, "Buren van de Regentesse", true, false),
        ("den-haag", GroupType.Welcome, "Welkom in Laak", true, true),
        ("den-haag", GroupType.Welcome, "Moerwijk Verwelkomt", true, true),
        ("den-haag", GroupType.Welcome, "Scheveningen Samen", false, false),
        ("rotterdam", GroupType.Sponsor, "Kralingen Verwelkomt", true, true),
        ("rotterdam", GroupType.Sponsor, "Noord Helpt", true, true),
        ("almere", GroupType.Sponsor, "Almere Haven Groep", true, true),
        ("haarlem", GroupType.Sponsor, "Haarlemmers voor Elkaar", true, false),
        ("haarlem", GroupType.Sponsor, "Schalkwijk Samen", false, false),
    ];

    /// <summary>Households waiting for a group: city, route, label, and per person (first name, birth year, language, goal sectors).</summary>
    private static readonly (string City, NewcomerRoute Route, string Label, (string Name, int Born, string Language, string Sectors)[] People)[] Households =
    [
        ("den-haag", NewcomerRoute.Welcome, "Familie Tesfay", [("Selam", 1990, "ti", "health"), ("Daniel", 2016, "ti", "")]),
        ("den-haag", NewcomerRoute.Welcome, "Familie Al-Khatib", [("Rania", 1985, "ar", "education"), ("Omar", 1983, "ar", "construction"), ("Lina", 2012, "ar", "")]),
        ("den-haag", NewcomerRoute.Welcome, "Hamid", [("Hamid", 1998, "fa", "ict")]),
        ("rotterdam", NewcomerRoute.Resettlement, "Familie Haddad", [("Amal", 1988, "ar", "health"), ("Yusuf", 2015, "ar", "")]),
        ("rotterdam", NewcomerRoute.Resettlement, "Familie Warsame", [("Hodan", 1992, "so", "hospitality"), ("Abdi", 1990, "so", "logistics"), ("Sahra", 2019, "so", "")]),
        ("rotterdam", NewcomerRoute.Resettlement, "Familie Rahimi", [("Zahra", 1979, "fa", "education"), ("Ali", 2008, "fa", "ict")]),
        ("almere", NewcomerRoute.Resettlement, "Familie Gebremariam", [("Mehret", 1994, "ti", "health"), ("Yonas", 2020, "ti", "")]),
    ];

    /// <summary>Community builders (without a password: they cannot sign in until invited properly).</summary>
    private static readonly (string City, string Name, string Languages, int Capacity)[] Builders =
    [
        ("den-haag", "Demo Bouwer Den Haag", "ti,ar", 3),
        ("rotterdam", "Demo Bouwer Rotterdam", "ar,fa", 2),
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
            var (slug, type, name, complete, ready) = Groups[g];
            var created = now.AddDays(-(Groups.Length - g) * 20);
            var group = new Group
            {
                Id = Guid.NewGuid(),
                CityId = cities[slug].Id,
                Type = type,
                Name = name,
                Motivation = "Demo: wij willen onze buurt openstellen voor nieuwkomers.",
                Status = ready ? GroupStatus.ReadyToMatch : complete ? GroupStatus.Complete : GroupStatus.AwaitingConfirmation,
                IntakeDoneOn = ready ? DateOnly.FromDateTime(created.AddDays(10).UtcDateTime) : null,
                TrainingsDoneAt = ready ? created.AddDays(20) : null,
                PlanApprovedAt = ready ? created.AddDays(25) : null,
                ReadyAt = ready ? created.AddDays(30) : null,
                MaxHouseholdSize = ready ? 3 + (g % 3) : null,
                ChildrenExperience = g % 2 == 0,
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
                    VogCheckedOn = ready ? DateOnly.FromDateTime(created.AddDays(15).UtcDateTime) : null,
                    VogCheckedBy = ready ? "Demo" : null,
                    VogOutcome = ready ? VogOutcome.Cleared : VogOutcome.NotChecked,
                });
            }

            db.Groups.Add(group);
        }

        for (var h = 0; h < Households.Length; h++)
        {
            var (slug, route, label, people) = Households[h];
            db.NewcomerHouseholds.Add(new NewcomerHousehold
            {
                Id = Guid.NewGuid(),
                CityId = cities[slug].Id,
                Route = route,
                Label = label,
                ContactLanguage = people[0].Language,
                CurrentLocation = route == NewcomerRoute.Resettlement ? "Demo" : null,
                ExpectedArrival = route == NewcomerRoute.Resettlement ? DateOnly.FromDateTime(now.AddDays(30 + (h * 20)).UtcDateTime) : null,
                LivingSince = route == NewcomerRoute.Welcome ? DateOnly.FromDateTime(now.AddDays(-100 - (h * 10)).UtcDateTime) : null,
                Status = NewcomerStatus.Waiting,
                CreatedAt = now.AddDays(-40 - (h * 12)),
                CreatedBy = "Demo",
                People = [.. people.Select(p => new NewcomerPerson
                {
                    FirstName = p.Name,
                    BirthYear = p.Born,
                    Languages = p.Born < 2010 ? $"{p.Language}:native,en:basic" : $"{p.Language}:native",
                    GoalSectors = p.Sectors,
                })],
            });
        }

        var builderRole = await db.Roles.Where(r => r.Name == StaffRoles.CommunityBuilder).Select(r => r.Id).SingleAsync(ct);
        for (var b = 0; b < Builders.Length; b++)
        {
            var (slug, name, languages, capacity) = Builders[b];
            var email = $"demo.bouwer.{b + 1}@example.org";
            var user = new AppUser
            {
                Id = Guid.NewGuid(),
                DisplayName = name,
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
                Languages = languages,
                GroupCapacity = capacity,
                Cities = [new StaffCity { CityId = cities[slug].Id }],
            };
            db.Users.Add(user);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = user.Id, RoleId = builderRole });
        }

        await db.SaveChangesAsync(ct);
    }
}
