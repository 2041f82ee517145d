using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Trainings;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Portal;

/// <summary>A member withdraws their consent from their own page: they leave the group, their data goes at once, the group goes on.</summary>
public sealed class MemberLeavingTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task AMember_LeavesTheGroup_TheirDataIsErased_TheirPlaceGoesToWhoWaits_AndTheCoordinatorIsToldNotWho(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var groupId = await StaffJourney.CompleteGroupAsync(app, "weg", groupName: "De Blijvers");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var coordinator = await StaffJourney.InviteAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        await StaffJourney.InviteAsync(app, admin, "bouwer@samenhier.nl", "CommunityBuilder", "den-haag");
        await StaffJourney.AssignBuilderAsync(coordinator, groupId, await app.WithDbAsync(db => db.Users.Where(u => u.Email == "bouwer@samenhier.nl").Select(u => u.Id).SingleAsync()));
        var session = await TrainingJourney.ScheduleAsync(coordinator, app, "2027-01-14", "19:30", capacity: 1);
        var members = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId).OrderBy(m => m.Position).ToListAsync());
        // Everyone's certificate of conduct is cleared except the one who will leave (the history names whose was checked).
        foreach (var m in members)
        {
            var outcome = m == members[0] ? "NotCleared" : "Cleared";
            Assert.Empty((await StaffJourney.ActAsync(coordinator, groupId, "Vog", ("Member", m.Id.ToString()), ("Outcome", outcome), ("VogDate", "2026-11-25"))).Errors);
        }

        Assert.Contains("weg lid 1", (await Page.GetAsync(coordinator, $"/beheer/groepen/{groupId}")).Document.QuerySelector("#history-list")!.TextContent, StringComparison.Ordinal);

        var leaving = await MemberJourney.SignInAsync(app, "weg1@voorbeeld.nl");
        var staying = await MemberJourney.SignInAsync(app, "weg2@voorbeeld.nl");
        Assert.Contains("U bent aangemeld.", (await TrainingJourney.ActAsync(leaving, session, "Register")).Text);
        Assert.Contains("u staat op de wachtlijst", (await TrainingJourney.ActAsync(staying, session, "Register")).Text);
        Assert.Contains(GroupReadiness.Item.Screening, await ReadinessAsync(app, groupId));

        var home = await Page.GetAsync(leaving, "/mijn-groep");
        Assert.Equal("/mijn-groep/verlaten", home.Document.QuerySelector("#leave-link")!.GetAttribute("href"));
        var form = await Page.GetAsync(leaving, "/mijn-groep/verlaten");
        Assert.Contains("De Blijvers", form.Text, StringComparison.Ordinal);

        // Without ticking the box nothing happens.
        var unconfirmed = await form.SubmitAsync(leaving);
        Assert.Equal(["Vink aan dat u uw toestemming intrekt en de groep verlaat."], unconfirmed.Errors);
        Assert.Null(await app.WithDbAsync(db => db.GroupMembers.Where(m => m.Id == members[0].Id).Select(m => m.LeftAt).SingleAsync()));

        var done = await unconfirmed.SubmitAsync(leaving, ("Confirm", "yes"));
        Assert.NotNull(done.Document.QuerySelector("#left"));
        Assert.Equal("/inloggen", (await Page.GetAsync(leaving, "/mijn-groep")).Path);

        // Erased at once, the contact person's role passed on, the place given to who waited.
        var after = await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId).OrderBy(m => m.Position).ToListAsync());
        var left = after[0];
        Assert.NotNull(left.LeftAt);
        Assert.NotNull(left.ErasedAt);
        Assert.Equal("—", left.Name);
        Assert.EndsWith("@samenhier.invalid", left.Email, StringComparison.Ordinal);
        Assert.Null(left.UserId);
        Assert.False(left.IsContactPerson);
        Assert.True(after[1].IsContactPerson);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "weg1@voorbeeld.nl")));
        Assert.Empty(await SignUpJourney.MailToAsync(app, "weg1@voorbeeld.nl"));
        var registrations = await app.WithDbAsync(db => db.TrainingRegistrations.Where(r => r.SessionId == session).ToDictionaryAsync(r => r.MemberId, r => r.Status));
        Assert.Equal(RegistrationStatus.Cancelled, registrations[left.Id]);
        Assert.Equal(RegistrationStatus.Registered, registrations[after[1].Id]);

        // The group no longer waits for the one who left.
        Assert.DoesNotContain(GroupReadiness.Item.Screening, await ReadinessAsync(app, groupId));

        // The coordinator hears which group, not who; the group page says a member left.
        // The coordinator and the group's builder hear which group, not who.
        Assert.Single(await SignUpJourney.MailToAsync(app, "bouwer@samenhier.nl"), m => m.Subject == "Een lid heeft een groep verlaten");
        var mail = (await SignUpJourney.MailToAsync(app, "coordinator@samenhier.nl")).Single(m => m.Subject == "Een lid heeft een groep verlaten");
        Assert.Contains("De Blijvers", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/beheer/groepen/{groupId}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("weg lid 1", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("weg1@", mail.TextBody, StringComparison.Ordinal);
        var detail = await Page.GetAsync(coordinator, $"/beheer/groepen/{groupId}");
        Assert.Contains("vertrokken op 29 nov 2026", detail.Text, StringComparison.Ordinal);
        Assert.Contains("Een lid heeft de groep verlaten", detail.Text, StringComparison.Ordinal);
        // Nowhere on the group's page any more, its history included.
        Assert.DoesNotContain("weg lid 1", detail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.WithDbAsync(db => db.GroupEvents.Where(e => e.GroupId == groupId).ToListAsync()), e => e.Detail == "weg lid 1" || e.ByName == "weg lid 1");
        Assert.Equal(4, detail.Document.QuerySelectorAll("#vog-member option").Length);

        // Asked again (another tab, an old form), nothing more happens.
        Assert.Equal("/inloggen", (await form.SubmitAsync(leaving, ("Confirm", "yes"))).Path);
        Assert.Equal(1, await app.WithDbAsync(db => db.GroupMembers.CountAsync(m => m.GroupId == groupId && m.LeftAt != null)));
    }

    [Fact]
    public async Task TheLastMember_IsAskedToTalkToTheCoordinator_AndCannotLeaveTheGroupEmpty()
    {
        await using var app = new AppFactory();
        var groupId = await StaffJourney.CompleteGroupAsync(app, "laatst");
        var member = await MemberJourney.SignInAsync(app, "laatst5@voorbeeld.nl");
        await app.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == groupId && m.Email != "laatst5@voorbeeld.nl")
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeftAt, app.Time!.GetUtcNow())));

        var page = await Page.GetAsync(member, "/mijn-groep/verlaten");
        Assert.NotNull(page.Document.QuerySelector("#last"));
        Assert.Null(page.Document.QuerySelector("#leave"));

        // An old form posted anyway changes nothing.
        var posted = await member.PostAsync("/mijn-groep/verlaten", new FormUrlEncodedContent([new("Confirm", "yes")]));
        Assert.NotEqual(System.Net.HttpStatusCode.InternalServerError, posted.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.GroupMembers.Where(m => m.Email == "laatst5@voorbeeld.nl").Select(m => m.LeftAt).SingleAsync()));
    }

    [Fact]
    public async Task AMemberOfAGroupStillSigningUp_CannotLeaveHere()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        await (await SignUpJourney.ToCheckPageAsync(client, prefix: "blijf")).SubmitAsync(client);
        await SignUpJourney.ConfirmAsync(app.Client(), await SignUpJourney.ConfirmLinkAsync(app, "blijf2@voorbeeld.nl"));

        var member = await MemberJourney.SignInAsync(app, "blijf2@voorbeeld.nl");
        Assert.Null((await Page.GetAsync(member, "/mijn-groep")).Document.QuerySelector("#leave-link"));
        var page = await Page.GetAsync(member, "/mijn-groep/verlaten");
        Assert.NotNull(page.Document.QuerySelector("#none"));
        Assert.Null(page.Document.QuerySelector("#leave"));
        Assert.Equal(0, await app.WithDbAsync(db => db.GroupMembers.CountAsync(m => m.LeftAt != null)));
    }

    private static Task<IReadOnlyList<GroupReadiness.Item>> ReadinessAsync(AppFactory app, Guid groupId) =>
        app.WithDbAsync(async db => GroupReadiness.Missing(await db.Groups.Include(g => g.Members).SingleAsync(g => g.Id == groupId)));
}
