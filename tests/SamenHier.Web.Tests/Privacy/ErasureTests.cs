using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Features.Donations;
using SamenHier.Web.Features.Privacy;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Privacy;

/// <summary>The right to erasure, on request and when a retention period ends; the counts stay right.</summary>
public sealed class ErasureTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task ARequestForErasure_WaitsForARunningGroup_ThenErasesThePersonEverywhere_AndTheCountsStay(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var group = await StaffJourney.CompleteGroupAsync(app, "er");
        await MemberJourney.SignInAsync(app, "er2@voorbeeld.nl");
        var visitor = app.Client();
        var contact = await Page.GetAsync(visitor, "/contact");
        await contact.SubmitAsync(visitor, ("Input.Name", "Eva Rood"), ("Input.Email", "er2@voorbeeld.nl"), ("Input.Subject", "Vraag"), ("Input.Message", "Mag ik iets vragen?"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Enquiries.CountAsync()));

        var privacy = await Page.GetAsync(admin, "/beheer/privacy");
        var unconfirmed = await privacy.SubmitAsync(admin, [new("EraseEmail", "er2@voorbeeld.nl")], "handler=Erase");
        Assert.Equal(["Bevestig dat het verzoek van de persoon zelf komt."], unconfirmed.Errors);
        Assert.Equal("er2@voorbeeld.nl", unconfirmed.Value("EraseEmail"));
        var waiting = await privacy.SubmitAsync(admin, [new("EraseEmail", "er2@voorbeeld.nl"), new("EraseConfirm", "yes")], "handler=Erase");
        // What may be erased now is (the message to the programme); the member waits, and the page says why.
        Assert.Contains("Gewist: 0 groepslid/leden, 0 huishouden(s) en 1 bericht(en)", waiting.Document.QuerySelector("#erased")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 keer niet gewist: het zit in een lopende groep.", waiting.Document.QuerySelector("#erased")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enquiries.CountAsync()));
        Assert.Equal("er lid 2", await app.WithDbAsync(db => db.GroupMembers.Where(m => m.Email == "er2@voorbeeld.nl").Select(m => m.Name).SingleAsync()));

        await StaffJourney.ActAsync(admin, group, "Withdraw", ("ReasonCategory", "MembersMoved"), ("Reason", "Twee leden verhuizen."));
        var done = await (await Page.GetAsync(admin, "/beheer/privacy")).SubmitAsync(admin, [new("EraseEmail", " ER2@voorbeeld.nl"), new("EraseConfirm", "yes")], "handler=Erase");

        Assert.Contains("Gewist: 1 groepslid/leden, 0 huishouden(s) en 0 bericht(en)", done.Document.QuerySelector("#erased")!.TextContent, StringComparison.Ordinal);
        // Nowhere in the database any longer: not the member, the account or the e-mails.
        Assert.Equal(0, await app.WithDbAsync(db => db.GroupMembers.CountAsync(m => m.Email == "er2@voorbeeld.nl" || m.Name == "er lid 2")));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "ER2@VOORBEELD.NL")));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(o => o.ToAddress == "er2@voorbeeld.nl")));
        // The group still has its five members for the counts; the others are untouched.
        var members = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == group).OrderBy(m => m.Position).Select(m => new { m.Name, m.ErasedAt, m.DateOfBirth }).ToListAsync());
        Assert.Equal(["er lid 1", "—", "er lid 3", "er lid 4", "er lid 5"], members.Select(m => m.Name));
        Assert.NotNull(members[1].ErasedAt);
        Assert.Equal((1, 1), (members[1].DateOfBirth.Month, members[1].DateOfBirth.Day));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Subject == "member" && a.Kind == "Erased")));

        // Asked again: there is nothing left under the address.
        var again = await (await Page.GetAsync(admin, "/beheer/privacy")).SubmitAsync(admin, [new("EraseEmail", "er2@voorbeeld.nl"), new("EraseConfirm", "yes")], "handler=Erase");
        Assert.Equal(["Onder dit adres is niets vastgelegd. Controleer de spelling."], again.Errors);
    }

    [Fact]
    public async Task TheRetentionPeriod_ErasesAWithdrawnGroup24MonthsLater_AndNotBefore()
    {
        await using var app = new AppFactory();
        var (admin, key) = await StaffJourney.CreateAdminAsync(app);
        var early = await StaffJourney.CompleteGroupAsync(app, "vroeg", groupName: "Groep Vroeg");
        await StaffJourney.ActAsync(admin, early, "Withdraw", ("ReasonCategory", "MembersMoved"), ("Reason", "Lid Jansen verhuist."));
        app.Time!.Advance(TimeSpan.FromDays(60));
        admin = app.Client();
        await StaffJourney.SignInAsync(admin, "admin@samenhier.nl", StaffJourney.Password, key);
        var late = await StaffJourney.CompleteGroupAsync(app, "laat", groupName: "Groep Laat");
        await StaffJourney.ActAsync(admin, late, "Withdraw", ("ReasonCategory", "MembersMoved"), ("Reason", "Verhuizing."));

        // 24 months and a day after the first withdrawal; 22 months after the second.
        app.Time.Advance(TimeSpan.FromDays((2 * 365) - 60 + 2));
        int erased;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            erased = await scope.ServiceProvider.GetRequiredService<Erasure>().ApplyRetentionAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, erased);
        var groups = await app.WithDbAsync(db => db.Groups.OrderBy(g => g.CreatedAt).Select(g => new { g.Name, g.WithdrawnReason, g.ErasedAt, Members = g.Members.Count, Named = g.Members.Count(m => m.Name != "—") }).ToListAsync());
        Assert.Equal((null, null, 5, 0), (groups[0].Name, groups[0].WithdrawnReason, groups[0].Members, groups[0].Named));
        Assert.NotNull(groups[0].ErasedAt);
        Assert.Equal(("Groep Laat", 5, 5), (groups[1].Name, groups[1].Members, groups[1].Named));
        Assert.Null(groups[1].ErasedAt);
        Assert.Equal(0, await app.WithDbAsync(db => db.GroupEvents.CountAsync(e => e.GroupId == early && e.Reason != null)));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Gifts_NeverConfirmed_GoAfterAMonth_AndCollectedOnes_SevenYearsAfterTheirLastCollection(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var now = app.Time!.GetUtcNow();
        Donation Gift(string name, DonationStatus status, DateTimeOffset created) => new()
        {
            Id = Guid.NewGuid(),
            DonorName = name,
            DonorEmail = $"{name.ToLowerInvariant()}@voorbeeld.nl",
            Language = "nl",
            AmountCents = 1000,
            Frequency = Frequency.Monthly,
            Status = status,
            AccountHolder = name,
            Iban = "NL91ABNA0417164300",
            MandateId = $"SH-{name.ToUpperInvariant()}",
            MandateSignedOn = DateOnly.FromDateTime(created.UtcDateTime),
            NextCollectionOn = DateOnly.FromDateTime(created.UtcDateTime),
            ScheduleAnchor = DateOnly.FromDateTime(created.UtcDateTime),
            CreatedAt = created,
            StoppedAt = status == DonationStatus.Stopped ? created.AddYears(1) : null,
            ManageTokenHash = Guid.NewGuid().ToString("N"),
            Version = Guid.NewGuid(),
        };
        await app.WithDbAsync(async db =>
        {
            db.Donations.AddRange(Gift("Oud", DonationStatus.Pending, now.AddDays(-31)), Gift("Vers", DonationStatus.Pending, now.AddDays(-10)));
            foreach (var (name, years) in new[] { ("Lang", 9), ("Kort", 7) })
            {
                var gift = Gift(name, DonationStatus.Stopped, now.AddYears(-years));
                var day = DateOnly.FromDateTime(now.AddYears(-years + 1).AddDays(-10).UtcDateTime);
                var run = new CollectionRun { Id = Guid.NewGuid(), MessageId = $"SH-RUN-{name}", CollectionDate = day, CreatedAt = now.AddYears(-years), Count = 1, TotalCents = 1000, Xml = $"<Dbtr>{name}</Dbtr>" };
                run.Collections.Add(new Collection { Id = Guid.NewGuid(), DonationId = gift.Id, RunId = run.Id, AmountCents = 1000, Sequence = SequenceType.First, CollectionDate = day, DueOn = day, EndToEndId = $"SH-RUN-{name}-1" });
                db.Donations.Add(gift);
                db.CollectionRuns.Add(run);
            }

            await db.SaveChangesAsync();
            return 0;
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Erasure>().ApplyRetentionAsync(TestContext.Current.CancellationToken);
        }

        // Oud's never-confirmed gift is gone, Vers's waits; Lang's last collection was eight years ago, Kort's six.
        var gifts = await app.WithDbAsync(db => db.Donations.OrderBy(d => d.MandateId).Select(d => new { d.MandateId, d.DonorName, d.DonorEmail, d.Iban, Collections = d.Collections.Count }).ToListAsync());
        Assert.Equal(
            ["SH-KORT kort@voorbeeld.nl NL91ABNA0417164300 1", "SH-LANG — — 1", "SH-VERS vers@voorbeeld.nl NL91ABNA0417164300 0"],
            gifts.Select(g => $"{g.MandateId} {g.DonorEmail} {g.Iban} {g.Collections}"));
        Assert.Equal("—", gifts[1].DonorName);
        var files = await app.WithDbAsync(db => db.CollectionRuns.OrderBy(r => r.MessageId).Select(r => new { r.MessageId, r.Xml, r.Count }).ToListAsync());
        Assert.Equal(["SH-RUN-Kort <Dbtr>Kort</Dbtr> 1", "SH-RUN-Lang  1"], files.Select(f => $"{f.MessageId} {f.Xml} {f.Count}"));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Subject == "donation" && a.Kind == "Erased")));

        // On request, a gift never collected goes at once; a collected one waits for its fiscal years.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var erasure = scope.ServiceProvider.GetRequiredService<Erasure>();
            Assert.Equal(0, (await erasure.EraseByEmailAsync("vers@voorbeeld.nl", null, "test", TestContext.Current.CancellationToken)).DonationsKept);
            Assert.Equal(1, (await erasure.EraseByEmailAsync("kort@voorbeeld.nl", null, "test", TestContext.Current.CancellationToken)).DonationsKept);
        }

        Assert.Equal(["SH-KORT", "SH-LANG"], await app.WithDbAsync(db => db.Donations.OrderBy(d => d.MandateId).Select(d => d.MandateId).ToListAsync()));
    }

    [Fact]
    public async Task AHouseholdThatLeftWithoutAGroup_IsErased24MonthsAfterLeaving_AndLeavingCanBeUndoneUntilThen()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "co@samenhier.nl", "Coordinator", "den-haag");
        var id = await NewcomerJourney.AddAsync(admin, app, "Familie Haddad", "den-haag");

        // The coordinator records that the household moved away, undoes it, and records it again.
        var page = await Page.GetAsync(coordinator, $"/beheer/nieuwkomers/bewerken/{id}");
        var left = await page.SubmitAsync(coordinator, [], "handler=Leave");
        Assert.Contains("vertrokken", left.Document.QuerySelector("#status-notice")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Vertrokken op 29 november 2026. De persoonsgegevens worden op of na 29 november 2028 gewist.", left.Document.QuerySelector("#left-since")!.TextContent, StringComparison.Ordinal);
        var back = await left.SubmitAsync(coordinator, [], "handler=Return");
        Assert.NotNull(back.Document.QuerySelector("#leave"));
        var waiting = await app.WithDbAsync(db => db.NewcomerHouseholds.Select(h => new { h.Status, h.LeftAt }).SingleAsync());
        Assert.Equal((SamenHier.Web.Features.Newcomers.NewcomerStatus.Waiting, null), (waiting.Status, waiting.LeftAt));
        await back.SubmitAsync(coordinator, [], "handler=Leave");
        Assert.Equal(["Left", "Returned", "Left"], await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Subject == "newcomer" && a.Kind != "Created" && a.Kind != "Changed").OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync()));

        // 24 months after leaving, less a day: kept; a day later: erased.
        async Task RetainAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Erasure>().ApplyRetentionAsync(TestContext.Current.CancellationToken);
        }

        app.Time!.Advance(TimeSpan.FromDays(730));
        await RetainAsync();
        Assert.Equal("Familie Haddad", await app.WithDbAsync(db => db.NewcomerHouseholds.Select(h => h.Label).SingleAsync()));
        app.Time.Advance(TimeSpan.FromDays(2));
        await RetainAsync();
        var household = await app.WithDbAsync(db => db.NewcomerHouseholds.Include(h => h.People).AsNoTracking().SingleAsync());
        Assert.Equal(("—", SamenHier.Web.Features.Newcomers.NewcomerStatus.Left), (household.Label, household.Status));
        Assert.NotNull(household.ErasedAt);
        Assert.All(household.People, p => Assert.Equal("—", p.FirstName));
    }

    [Fact]
    public async Task NationalStaff_EraseAHousehold_AtItsRequest_ACoordinatorMayNot()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "co@samenhier.nl", "Coordinator", "den-haag");
        var id = await NewcomerJourney.AddAsync(admin, app, "Familie Haddad", "den-haag", email: "haddad@voorbeeld.nl");
        await (await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{id}")).SubmitAsync(admin, [], "handler=Invite");
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "HADDAD@VOORBEELD.NL")));

        var coordinatorsPage = await Page.GetAsync(coordinator, $"/beheer/nieuwkomers/bewerken/{id}");
        Assert.Null(coordinatorsPage.Document.QuerySelector("#erase"));
        var forbidden = await coordinator.PostAsync(new Uri($"/beheer/nieuwkomers/bewerken/{id}?handler=Erase", UriKind.Relative),
            new FormUrlEncodedContent([new("EraseConfirm", "yes"), new("__RequestVerificationToken", coordinatorsPage.Value("__RequestVerificationToken")!)]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var page = await Page.GetAsync(admin, $"/beheer/nieuwkomers/bewerken/{id}");
        var unconfirmed = await page.SubmitAsync(admin, [], "handler=Erase");
        Assert.Equal(["Bevestig dat het verzoek van de persoon zelf komt."], unconfirmed.Errors);
        var list = await page.SubmitAsync(admin, [new("EraseConfirm", "yes")], "handler=Erase");

        Assert.Equal("/beheer/nieuwkomers?melding=gewist", list.Path);
        Assert.DoesNotContain("Haddad", list.Text, StringComparison.Ordinal);
        var household = await app.WithDbAsync(db => db.NewcomerHouseholds.Include(h => h.People).AsNoTracking().SingleAsync());
        Assert.Equal(("—", null, null, null, null), (household.Label, household.ContactEmail, household.CurrentLocation, household.HealthAndAccessibility, household.UserId));
        Assert.All(household.People, p => Assert.Equal("—", p.FirstName));
        Assert.Equal([1988, 2015], household.People.OrderBy(p => p.Id).Select(p => p.BirthYear));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == "HADDAD@VOORBEELD.NL")));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(o => o.ToAddress == "haddad@voorbeeld.nl")));
    }
}
