using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Features.Trainings;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Resources;

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
        ("haarlem", "Demo Bouwer Haarlem", "so,ar", 2),
    ];

    /// <param name="db">The database to fill.</param>
    /// <param name="time">The clock: dates are counted back from now.</param>
    /// <param name="t">The texts of the standard plan template (taken in Dutch).</param>
    /// <param name="ct">Cancels the work.</param>
    public static async Task EnsureAsync(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t, CancellationToken ct)
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
                PlanSubmittedAt = ready ? created.AddDays(24) : null,
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
            if (ready)
            {
                // A ready group has an approved plan: the standard template's tasks.
                db.PlanTasks.AddRange(StandardTasks(group, t, created.AddDays(22)));
            }
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
                DetailsLegalBasis = ProcessingBasis.PublicTask,
                DetailsLegalBasisAt = now.AddDays(-40 - (h * 12)),
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
        var builderIds = new List<Guid>();
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
            builderIds.Add(user.Id);
        }

        AddGroupInItsYear(db, cities["haarlem"], builderIds[^1], t, now, person);
        await db.SaveChangesAsync(ct);
        await AddTrainingsAsync(db, now, ct);
        await AddEventsAsync(db, now, ct);
    }

    /// <summary>Community events: a weekly language café in each city with groups, and a national online evening.</summary>
    private static async Task AddEventsAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var cities = await db.Groups.Select(g => g.CityId).Distinct().ToListAsync(ct);
        var today = DateOnly.FromDateTime(now.ToNetherlands().DateTime);
        foreach (var cityId in cities)
        {
            var series = Guid.NewGuid();
            for (var week = 0; week < 4; week++)
            {
                var day = today.AddDays(6 + (7 * week));
                db.CommunityEvents.Add(new Features.Events.CommunityEvent
                {
                    Id = Guid.NewGuid(),
                    CityId = cityId,
                    Title = "Demo: taalcafé",
                    Description = "Samen Nederlands oefenen bij een kop koffie of thee.",
                    StartsAt = Features.Calendar.LocalTimes.Instant(day, new TimeOnly(15, 0)),
                    EndsAt = Features.Calendar.LocalTimes.Instant(day, new TimeOnly(17, 0)),
                    Place = "Demo: bibliotheek",
                    Capacity = 40,
                    Languages = "nl,en,ar",
                    Accessibility = "Drempelvrij, lift en invalidentoilet aanwezig.",
                    Public = true,
                    SeriesId = series,
                    CreatedAt = now,
                    CreatedBy = "Demo",
                });
            }
        }

        var evening = today.AddDays(12);
        db.CommunityEvents.Add(new Features.Events.CommunityEvent
        {
            Id = Guid.NewGuid(),
            Title = "Demo: landelijke avond voor groepen",
            StartsAt = Features.Calendar.LocalTimes.Instant(evening, new TimeOnly(20, 0)),
            EndsAt = Features.Calendar.LocalTimes.Instant(evening, new TimeOnly(21, 0)),
            Place = "https://meet.example.org/samenhier",
            Online = true,
            Languages = "nl,en",
            Accessibility = "Online, met automatische ondertiteling.",
            CreatedAt = now,
            CreatedBy = "Demo",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The trainings behind the ready groups' readiness: per city, a session of each required module
    /// a month ago that their members attended; and one coming session per city to register for.
    /// </summary>
    private static async Task AddTrainingsAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var modules = await db.TrainingModules.Where(m => m.Required).ToListAsync(ct);
        var trained = await db.Groups.Where(g => g.TrainingsDoneAt != null).Include(g => g.Members).ToListAsync(ct);
        foreach (var city in trained.GroupBy(g => g.CityId))
        {
            foreach (var module in modules)
            {
                var members = city.Where(g => module.GroupType == null || module.GroupType == g.Type).SelectMany(g => g.Members).ToList();
                if (members.Count == 0)
                {
                    continue;
                }

                var held = Features.Calendar.LocalTimes.Instant(DateOnly.FromDateTime(now.AddDays(-30 - module.SortOrder).ToNetherlands().DateTime), new TimeOnly(19, 30));
                db.TrainingSessions.Add(new TrainingSession
                {
                    Id = Guid.NewGuid(),
                    ModuleId = module.Id,
                    CityId = city.Key,
                    StartsAt = held,
                    EndsAt = held.AddHours(2),
                    Place = "Demo: buurthuis",
                    Capacity = Math.Max(20, members.Count),
                    Language = "nl",
                    Trainer = "Demo Trainer",
                    CreatedAt = now.AddDays(-60),
                    CreatedBy = "Demo",
                    Registrations = [.. members.Select((m, i) => new TrainingRegistration
                    {
                        Id = Guid.NewGuid(),
                        MemberId = m.Id,
                        Status = RegistrationStatus.Registered,
                        CreatedAt = now.AddDays(-50),
                        Position = i + 1,
                        Attended = true,
                    })],
                });
            }
        }

        var start = modules.Single(m => m.Key == "start");
        foreach (var (cityId, i) in trained.Select(g => g.CityId).Distinct().Select((c, i) => (c, i)))
        {
            var on = Features.Calendar.LocalTimes.Instant(DateOnly.FromDateTime(now.AddDays(10 + i).ToNetherlands().DateTime), new TimeOnly(19, 30));
            db.TrainingSessions.Add(new TrainingSession
            {
                Id = Guid.NewGuid(),
                ModuleId = start.Id,
                CityId = cityId,
                StartsAt = on,
                EndsAt = on.AddHours(2),
                Place = "Demo: bibliotheek",
                Capacity = 12,
                Language = "nl",
                Trainer = "Demo Trainer",
                CreatedAt = now,
                CreatedBy = "Demo",
            });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A welcome group in Haarlem seven weeks into its year with the Osman family: a plan partly done,
    /// goals, diary entries and the first check-ins, so every page of the year has something to show.
    /// </summary>
    private static void AddGroupInItsYear(AppDbContext db, City city, Guid builderId, IStringLocalizer<SharedResource> t, DateTimeOffset now, int person)
    {
        var today = DateOnly.FromDateTime(now.ToNetherlands().DateTime);
        var started = today.AddDays(-50);
        var household = new NewcomerHousehold
        {
            Id = Guid.NewGuid(),
            CityId = city.Id,
            Route = NewcomerRoute.Welcome,
            Label = "Familie Osman",
            ContactLanguage = "so",
            LivingSince = today.AddDays(-200),
            Status = NewcomerStatus.Matched,
            DetailsLegalBasis = ProcessingBasis.PublicTask,
            DetailsLegalBasisAt = now.AddDays(-120),
            CreatedAt = now.AddDays(-120),
            CreatedBy = "Demo",
            ProfileConsentAt = now.AddDays(-55),
            ProfileConsentBy = Features.Portal.MyDetailsModel.ByHousehold,
            People =
            [
                new NewcomerPerson { FirstName = "Faadumo", BirthYear = 1987, Languages = "so:native,ar:conversational", GoalSectors = "health", Goals = "Werken in de zorg" },
                new NewcomerPerson { FirstName = "Ayaan", BirthYear = 2014, Languages = "so:native,nl:basic" },
            ],
        };
        db.NewcomerHouseholds.Add(household);
        var group = new Group
        {
            Id = Guid.NewGuid(),
            CityId = city.Id,
            Type = GroupType.Welcome,
            Name = "Haarlem Heet Welkom",
            Motivation = "Demo: wij willen onze buurt openstellen voor nieuwkomers.",
            Status = GroupStatus.YearTogether,
            CreatedAt = now.AddDays(-150),
            ExpiresAt = now.AddDays(-136),
            CompletedAt = now.AddDays(-145),
            SubmissionKey = Guid.NewGuid(),
            IntakeDoneOn = today.AddDays(-130),
            TrainingsDoneAt = now.AddDays(-110),
            PlanSubmittedAt = now.AddDays(-102),
            PlanApprovedAt = now.AddDays(-100),
            ReadyAt = now.AddDays(-95),
            MaxHouseholdSize = 4,
            ChildrenExperience = true,
            CommunityBuilderId = builderId,
            NewcomerHouseholdId = household.Id,
            MatchedAt = now.AddDays(-60),
            ArrivalOn = started,
            YearStartedOn = started,
        };
        string[] names = ["Marieke Dekker", "Youssef Benali", "Ingrid Hoekstra", "Pieter Kok", "Samira Haddou"];
        for (var m = 0; m < names.Length; m++, person++)
        {
            var email = $"demo.haarlem.{m + 1}@example.org";
            group.Members.Add(new GroupMember
            {
                Id = Guid.NewGuid(),
                Position = m + 1,
                IsContactPerson = m == 0,
                Name = names[m],
                Email = email,
                ActiveEmail = email,
                Phone = $"+3161234{person:D4}",
                Municipality = city.Name,
                DateOfBirth = new DateOnly(1965 + (m * 7), 1 + m, 10 + m),
                PreferredLanguage = "nl",
                Languages = [new MemberLanguage { Language = "nl", Level = "native" }],
                Occupation = "Demo",
                NetworkSectors = "health",
                Availability = "weekend",
                ConsentVersion = "2026-11",
                ConsentAt = now.AddDays(-150),
                ConfirmedAt = now.AddDays(-148),
                VogCheckedOn = today.AddDays(-120),
                VogCheckedBy = "Demo",
                VogOutcome = VogOutcome.Cleared,
            });
        }

        db.Groups.Add(group);
        var tasks = StandardTasks(group, t, now.AddDays(-103));
        for (var i = 0; i < tasks.Count; i++)
        {
            // Most of it carried by the first member: the group's health shows it.
            tasks[i].Owners = [new PlanTaskOwner { TaskId = tasks[i].Id, MemberId = group.Members[i % 3 == 2 ? 1 : 0].Id }];
            if (tasks[i].OffsetDays < 45)
            {
                tasks[i].Status = PlanTaskStatus.Done;
                tasks[i].DoneAt = now.AddDays(-40 + i);
            }
        }

        db.PlanTasks.AddRange(tasks);
        db.PlanGoals.AddRange(
            new PlanGoal { GroupId = group.Id, Section = PlanSection.GoalLanguage, Text = "Faadumo voert in de zomer zelf een gesprek bij de huisarts." },
            new PlanGoal { GroupId = group.Id, Section = PlanSection.GoalWork, Text = "Een snuffelstage in de zorg." });
        (int DaysAgo, DiaryKind Kind, int Minutes, int[] Who, string Note)[] diary =
        [
            (45, DiaryKind.Social, 120, [0, 1], "Kennismaking bij Marieke thuis, met thee en koekjes."),
            (38, DiaryKind.PracticalHelp, 90, [0], "Samen naar het gemeentehuis voor de inschrijving van Ayaan op school."),
            (24, DiaryKind.LanguagePractice, 60, [0, 2], "Taalcafé in de bibliotheek."),
            (10, DiaryKind.Outing, 180, [0, 1, 3], "Naar het strand in Zandvoort."),
        ];
        foreach (var (daysAgo, kind, minutes, who, note) in diary)
        {
            var id = Guid.NewGuid();
            db.DiaryEntries.Add(new DiaryEntry
            {
                Id = id,
                GroupId = group.Id,
                On = today.AddDays(-daysAgo),
                Kind = kind,
                Minutes = minutes,
                Note = note,
                NewcomerTookPart = true,
                ByName = group.Members[who[0]].Name,
                CreatedAt = now.AddDays(-daysAgo),
                Participants = [.. who.Select(w => new DiaryParticipant { EntryId = id, MemberId = group.Members[w].Id })],
            });
        }

        foreach (var (with, milestone, rating) in new[] { (CheckInWith.Group, Milestone.Week2, 4), (CheckInWith.Newcomer, Milestone.Week2, 4), (CheckInWith.Group, Milestone.Week6, 3) })
        {
            db.CheckIns.Add(new CheckIn
            {
                Id = Guid.NewGuid(),
                GroupId = group.Id,
                With = with,
                Milestone = milestone,
                HeldOn = CheckInSchedule.DueOn(started, milestone),
                Rating = rating,
                Needs = milestone == Milestone.Week6 ? "Iemand die helpt met de post van de Belastingdienst." : null,
                ByUserId = builderId,
                ByName = "Demo Bouwer Haarlem",
                CreatedAt = now.AddDays(CheckInSchedule.DueOn(started, milestone).DayNumber - today.DayNumber),
            });
        }
    }

    /// <summary>The standard template's tasks for a group, in Dutch.</summary>
    private static List<PlanTask> StandardTasks(Group group, IStringLocalizer<SharedResource> t, DateTimeOffset at) =>
        LocalizationSetup.In("nl", () => Plans.StandardTemplate.Where(x => x.Type == group.Type).Select((x, i) => new PlanTask
        {
            Id = Guid.NewGuid(),
            GroupId = group.Id,
            Section = x.Section,
            Title = t[$"Template_{x.Type}_{x.Key}"].Value,
            OffsetDays = x.Offset,
            InvolvesNewcomer = x.Newcomer,
            Position = i,
            CreatedAt = at,
            UpdatedAt = at,
        }).ToList());
}
