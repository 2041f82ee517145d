using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Accounts;

/// <summary>Staff accounts: made by command or invitation, password plus authenticator, never one without the other.</summary>
public sealed partial class StaffSignInTests
{
    [GeneratedRegex(@"https://localhost(/beheer/wachtwoord\?[^\s]+)")]
    private static partial Regex SetPasswordLink();

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task CreateAdmin_GivesALinkToPasswordAndAuthenticator_ThenTheBackOffice(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var (client, _) = await StaffJourney.CreateAdminAsync(app);

        var home = await Page.GetAsync(client, "/beheer");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Welkom, Beheerder.", home.Text);
        Assert.Equal(HttpStatusCode.OK, (await Page.GetAsync(client, "/beheer/medewerkers")).Status);
    }

    [Fact]
    public async Task SetPasswordLink_WorksOnce()
    {
        await using var app = new AppFactory();
        var (_, link) = await SamenHier.Web.Commands.CreateAdminAsync(app.Services, "admin@samenhier.nl", "Beheerder", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        await StaffJourney.SetUpAsync(app.Client(), new Uri(link).PathAndQuery);

        var again = await Page.GetAsync(app.Client(), new Uri(link).PathAndQuery);

        Assert.Contains("Deze link werkt niet (meer)", again.Text);
        Assert.Null(again.Document.QuerySelector("input[type=password]"));
    }

    [Fact]
    public async Task BackOffice_WithoutSigningIn_SendsToTheSignInPage()
    {
        await using var app = new AppFactory();
        var response = await app.Client(redirects: false).GetAsync("/beheer/medewerkers");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/beheer/inloggen?terug=%2Fbeheer%2Fmedewerkers", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_WithThePasswordAlone_DoesNotOpenTheBackOffice()
    {
        await using var app = new AppFactory();
        await StaffJourney.CreateAdminAsync(app);
        var client = app.Client();

        var second = await StaffJourney.SignInAsync(client, "admin@samenhier.nl", StaffJourney.Password, key: null);

        Assert.EndsWith("/beheer/inloggen/code", second.Path);
        var home = await client.GetAsync("/beheer");
        Assert.EndsWith("/beheer/inloggen?terug=%2Fbeheer", home.RequestMessage!.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task SignIn_WithPasswordAndCode_OpensTheBackOffice_AndSignOutCloses()
    {
        await using var app = new AppFactory();
        var (_, key) = await StaffJourney.CreateAdminAsync(app);
        var client = app.Client();

        var home = await StaffJourney.SignInAsync(client, "admin@samenhier.nl", StaffJourney.Password, key);
        Assert.EndsWith("/beheer", home.Path);
        Assert.Contains("Welkom, Beheerder.", home.Text);

        var after = await home.SubmitAsync(client, [], actionContains: "/beheer/uitloggen");
        Assert.Equal("/", after.Path);
        Assert.StartsWith("/beheer/inloggen", (await Page.GetAsync(client, "/beheer")).Path);
    }

    [Fact]
    public async Task SignIn_WrongPasswordUnknownAddressAndLockedAccount_AllGetTheSameAnswer()
    {
        await using var app = new AppFactory();
        var (_, key) = await StaffJourney.CreateAdminAsync(app);

        var unknown = await StaffJourney.SignInAsync(app.Client(), "niemand@samenhier.nl", StaffJourney.Password, key);
        var wrong = await StaffJourney.SignInAsync(app.Client(), "admin@samenhier.nl", "verkeerd wachtwoord!", key);
        for (var i = 0; i < 4; i++)
        {
            await StaffJourney.SignInAsync(app.Client(), "admin@samenhier.nl", "verkeerd wachtwoord!", key);
        }

        var locked = await StaffJourney.SignInAsync(app.Client(), "admin@samenhier.nl", StaffJourney.Password, key);

        Assert.Equal(unknown.Errors, wrong.Errors);
        Assert.Equal(unknown.Errors, locked.Errors);
        Assert.Single(unknown.Errors);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == "admin@samenhier.nl").Select(u => u.LockoutEnd != null).SingleAsync()));
    }

    [Fact]
    public async Task SignIn_InBursts_GetsHttp429()
    {
        await using var app = new AppFactory(settings: new() { ["RateLimits:PublicPostsPerWindow"] = "3" });
        var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await StaffJourney.SignInAsync(client, "iemand@samenhier.nl", "wat dan ook hier", key: null)).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        await using var app = new AppFactory();
        var (_, link) = await SamenHier.Web.Commands.CreateAdminAsync(app.Services, "admin@samenhier.nl", "Beheerder", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var (_, done) = await StaffJourney.SetUpAsync(app.Client(), new Uri(link).PathAndQuery);
        var recovery = done.Document.QuerySelectorAll(".sh-recovery-codes li")[0].TextContent.Trim();

        async Task<Page> WithRecoveryAsync()
        {
            var client = app.Client();
            await StaffJourney.SignInAsync(client, "admin@samenhier.nl", StaffJourney.Password, key: null);
            var form = await Page.GetAsync(client, "/beheer/inloggen/code?herstel=true");
            return await form.SubmitAsync(client, ("Code", recovery));
        }

        Assert.EndsWith("/beheer", (await WithRecoveryAsync()).Path);
        Assert.NotEmpty((await WithRecoveryAsync()).Errors);
    }

    [Fact]
    public async Task Invitation_MakesACoordinatorWhoSeesOnlyTheirCity_AndNotTheStaffPage()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client(), prefix: "dh");
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var rotterdam = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "rotterdam").Select(c => c.Id).SingleAsync());

        var staff = await Page.GetAsync(admin, "/beheer/medewerkers");
        var invited = await staff.SubmitAsync(admin, ("Input.Name", "Rosa Coördinator"), ("Input.Email", "rosa@samenhier.nl"), ("Input.Role", "Coordinator"), ("Input.Cities", rotterdam.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Language", "nl"));
        Assert.Contains("De uitnodiging is verstuurd", invited.Text);
        Assert.Contains("Rosa Coördinator", invited.Text);

        var mail = Assert.Single(await SignUpJourney.MailToAsync(app, "rosa@samenhier.nl"));
        var link = SetPasswordLink().Match(mail.TextBody).Groups[1].Value;
        var coordinator = app.Client();
        await StaffJourney.SetUpAsync(coordinator, link);

        var home = await Page.GetAsync(coordinator, "/beheer");
        var cities = home.Document.QuerySelectorAll("tbody th").Select(th => th.TextContent).ToList();
        Assert.Equal(["Rotterdam"], cities);
        var adminHome = await Page.GetAsync(admin, "/beheer");
        Assert.Contains("Den Haag", adminHome.Document.QuerySelectorAll("tbody th").Select(th => th.TextContent));

        var forbidden = await Page.GetAsync(coordinator, "/beheer/medewerkers");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.DoesNotContain("admin@samenhier.nl", forbidden.Html);
    }

    [Fact]
    public async Task Invitation_ForAnAddressWithAnAccount_IsRefusedAndKeepsTheForm()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var staff = await Page.GetAsync(admin, "/beheer/medewerkers");

        var page = await staff.SubmitAsync(admin, ("Input.Name", "Nog een"), ("Input.Email", "admin@samenhier.nl"), ("Input.Role", "NationalStaff"), ("Input.Language", "nl"));

        Assert.Equal(["Er is al een account met dit e-mailadres."], page.Errors);
        Assert.Equal("Nog een", page.Value("Input.Name"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
    }
}
