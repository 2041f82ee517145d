using System.Buffers.Binary;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Accounts;

/// <summary>
/// The identity settings of OWASP ASVS level 2: how passwords are stored and chosen, how long a session
/// lives, that signing out or losing access ends it on the server, and the cookies that carry it.
/// </summary>
public sealed class SessionSecurityTests
{
    [Fact]
    public async Task Passwords_AreStoredWithPbkdf2Sha512_And210000Iterations()
    {
        await using var app = new AppFactory();
        await StaffJourney.CreateAdminAsync(app);

        var hash = Convert.FromBase64String((await app.WithDbAsync(db => db.Users.SingleAsync()))!.PasswordHash!);

        // Identity's v3 format: 0x01, then the PRF, the iteration count and the salt length (big-endian).
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));   // 2 = HMAC-SHA512
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9)) >= 16);
    }

    [Theory]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("Qwerty123456")]
    [InlineData("admin@samenhier.nl")]
    public async Task ACommonPassword_OrOnesOwnAddress_IsRefusedWithAReason(string password)
    {
        await using var app = new AppFactory();
        var (_, link) = await SamenHier.Web.Commands.CreateAdminAsync(app.Services, "admin@samenhier.nl", "Beheerder", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var client = app.Client();
        var form = await Page.GetAsync(client, new Uri(link).PathAndQuery);

        var refused = await form.SubmitAsync(client, ("Password", password), ("Repeat", password));

        Assert.Contains(refused.Errors, e => e.Contains("lijst van veelgebruikte wachtwoorden", StringComparison.Ordinal));
        Assert.Null(await app.WithDbAsync(db => db.Users.Select(u => u.PasswordHash).SingleAsync()));
        // A long uncommon sentence is fine.
        var accepted = await refused.SubmitAsync(client, ("Password", StaffJourney.Password), ("Repeat", StaffJourney.Password));
        Assert.EndsWith("/beheer/authenticator", accepted.Path);
    }

    [Fact]
    public async Task TheSessionCookie_IsHostPrefixed_Secure_HttpOnly_AndSameSite()
    {
        await using var app = new AppFactory();
        var (_, key) = await StaffJourney.CreateAdminAsync(app);
        var client = app.Client(redirects: false);
        var form = await Page.GetAsync(client, "/beheer/inloggen");
        var code = await form.SubmitAsync(client, ("Email", "admin@samenhier.nl"), ("Password", StaffJourney.Password));
        var codePage = await Page.GetAsync(client, code.Response.Headers.Location!.OriginalString);

        var token = codePage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signedIn = await client.PostAsync("/beheer/inloggen/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = StaffJourney.NextCode(key),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-samenhier-auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
        // The other cookies of signing in are __Host- and Secure too: the step between password and code, antiforgery.
        var step = Assert.Single(code.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-samenhier-2fa=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", step, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", step, StringComparison.Ordinal);
        Assert.Contains(form.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-samenhier-af=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ASession_EndsAfter30MinutesIdle()
    {
        await using var app = new AppFactory();
        var (client, _) = await StaffJourney.CreateAdminAsync(app);

        app.Time!.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("/beheer", (await Page.GetAsync(client, "/beheer")).Path);
        app.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("/beheer", (await Page.GetAsync(client, "/beheer")).Path);
        app.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.StartsWith("/beheer/inloggen", (await Page.GetAsync(client, "/beheer")).Path);
    }

    [Fact]
    public async Task ASession_EndsTwelveHoursAfterSigningIn_HoweverActive()
    {
        await using var app = new AppFactory();
        var (client, _) = await StaffJourney.CreateAdminAsync(app);

        for (var minutes = 20; minutes < 12 * 60; minutes += 20)
        {
            app.Time!.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal("/beheer", (await Page.GetAsync(client, "/beheer")).Path);
        }

        app.Time!.Advance(TimeSpan.FromMinutes(21));
        Assert.StartsWith("/beheer/inloggen", (await Page.GetAsync(client, "/beheer")).Path);
    }

    [Fact]
    public async Task AnUnchangedSession_IsCheckedOnEveryRequest_ItsCookieRenewedAtMostOnceAMinute_AndARoleTakenAwayCountsAtOnce()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        static async Task<bool> RenewedAsync(HttpClient client)
        {
            using var response = await client.GetAsync("/beheer/medewerkers");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("samenhier-auth", StringComparison.Ordinal));
        }

        // Within a minute of the last cookie: checked, not issued again; after a minute: issued again,
        // so the idle timeout runs from the last request.
        Assert.False(await RenewedAsync(admin));
        app.Time!.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await RenewedAsync(admin));
        app.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await RenewedAsync(admin));
        Assert.False(await RenewedAsync(admin));

        // The role goes in the database (no new security stamp): the very next request knows, and the
        // session goes on without it.
        await app.WithDbAsync(async db =>
        {
            var national = await db.Roles.SingleAsync(r => r.Name == "NationalStaff");
            return await db.UserRoles.Where(r => r.RoleId == national.Id).ExecuteDeleteAsync();
        });
        // (Identity's validator runs once any time has passed since the cookie was issued, to the
        // tick; the fake clock stands still unless moved.)
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("/beheer/geen-toegang", (await Page.GetAsync(admin, "/beheer/medewerkers")).Path);
    }

    [Fact]
    public async Task SigningOut_EndsTheAccountsOtherSessionsOnTheServer()
    {
        await using var app = new AppFactory();
        var (laptop, key) = await StaffJourney.CreateAdminAsync(app);
        var phone = app.Client();
        app.Time!.Advance(TimeSpan.FromMinutes(1));
        Assert.EndsWith("/beheer", (await StaffJourney.SignInAsync(phone, "admin@samenhier.nl", StaffJourney.Password, key)).Path);

        var home = await Page.GetAsync(laptop, "/beheer");
        await home.SubmitAsync(laptop, [], actionContains: "/beheer/uitloggen");
        app.Time.Advance(TimeSpan.FromSeconds(1));

        // The phone's cookie is still well-formed and unexpired, but the server no longer accepts it.
        Assert.StartsWith("/beheer/inloggen", (await Page.GetAsync(phone, "/beheer")).Path);
    }

    [Fact]
    public async Task NationalStaff_RemoveSomeonesAccess_WhichEndsTheirSessionAtOnce_AndRestoreIt()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var (coordinator, key) = await StaffJourney.InviteWithKeyAsync(app, admin, "coordinator@samenhier.nl", "Coordinator", "den-haag");
        Assert.Equal("/beheer/groepen", (await Page.GetAsync(coordinator, "/beheer/groepen")).Path);

        var staff = await Page.GetAsync(admin, "/beheer/medewerkers");
        // No button to lock oneself out.
        Assert.Single(staff.Document.QuerySelectorAll("form[action*='handler=Disable']"));
        var removed = await staff.SubmitAsync(admin, [], actionContains: "handler=Disable");
        Assert.Contains("De toegang is ingetrokken", removed.Text);
        Assert.Contains("Ingetrokken", removed.Text);
        app.Time!.Advance(TimeSpan.FromSeconds(1));

        Assert.StartsWith("/beheer/inloggen", (await Page.GetAsync(coordinator, "/beheer/groepen")).Path);
        var again = await StaffJourney.SignInAsync(app.Client(), "coordinator@samenhier.nl", StaffJourney.Password, key);
        Assert.StartsWith("/beheer/inloggen", again.Path);
        Assert.NotEmpty(again.Errors);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Kind == "AccessRemoved")));

        var restored = await removed.SubmitAsync(admin, [], actionContains: "handler=Enable");
        Assert.Contains("De toegang is hersteld", restored.Text);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.EndsWith("/beheer", (await StaffJourney.SignInAsync(app.Client(), "coordinator@samenhier.nl", StaffJourney.Password, key)).Path);
    }

    [Fact]
    public async Task NoOne_CanRemoveTheirOwnAccess()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var me = await app.WithDbAsync(db => db.Users.Select(u => u.Id).SingleAsync());
        var staff = await Page.GetAsync(admin, "/beheer/medewerkers");
        var token = staff.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await admin.PostAsync($"/beheer/medewerkers?handler=Disable&id={me}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Users.Select(u => u.DisabledAt).SingleAsync()));
    }

    [Fact]
    public async Task SignedInPages_AreNotStored_ByTheBrowserOrAProxy()
    {
        await using var app = new AppFactory();
        var (client, _) = await StaffJourney.CreateAdminAsync(app);

        // A file, without a form on it (a form's antiforgery token would say no-store by itself).
        var export = await client.GetAsync("/beheer/medewerkers?handler=Export");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.True(export.Headers.CacheControl?.NoStore, export.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AnAuthenticatorCode_WorksOnlyOnce()
    {
        await using var app = new AppFactory();
        var (_, key) = await StaffJourney.CreateAdminAsync(app);
        var code = StaffJourney.NextCode(key);
        var client = app.Client();
        var step = await (await Page.GetAsync(client, "/beheer/inloggen")).SubmitAsync(client, ("Email", "admin@samenhier.nl"), ("Password", StaffJourney.Password));
        Assert.EndsWith("/beheer", (await step.SubmitAsync(client, ("Code", code))).Path);

        // Someone who saw the code over a shoulder, within the same half minute.
        var other = app.Client();
        var otherStep = await (await Page.GetAsync(other, "/beheer/inloggen")).SubmitAsync(other, ("Email", "admin@samenhier.nl"), ("Password", StaffJourney.Password));
        var replayed = await otherStep.SubmitAsync(other, ("Code", code));

        Assert.StartsWith("/beheer/inloggen/code", replayed.Path);
        Assert.NotEmpty(replayed.Errors);
    }

    [Theory]
    [InlineData(59L, 287082)]
    [InlineData(1111111109L, 81804)]
    [InlineData(2000000000L, 279037)]
    public void AuthenticatorCodes_FollowRfc6238(long unixSeconds, int expected)
    {
        // The RFC's SHA-1 test vectors (its 8-digit values, last six digits), and its key in base32.
        Assert.Equal(expected, SamenHier.Web.Features.Accounts.OneTimeAuthenticatorCodes.Code("12345678901234567890"u8.ToArray(), unixSeconds / 30));
        Assert.Equal("12345678901234567890"u8.ToArray(), SamenHier.Web.Features.Accounts.OneTimeAuthenticatorCodes.DecodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
    }

    [Fact]
    public async Task InDevelopment_OverPlainHttpOnLocalhost_FormsWork_WithUnprefixedCookies()
    {
        // What `dotnet run` serves: http://localhost, where a __Host- cookie cannot be set.
        await using var app = new AppFactory(settings: new() { ["Database:SeedDemoData"] = "false" }, environment: "Development");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        var response = await client.GetAsync("/beheer/inloggen", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("samenhier-af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SomeoneWhoseAccessWasRemoved_DuringTheirSetUp_CannotFinishIt()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        var invite = await Page.GetAsync(admin, "/beheer/medewerkers");
        Assert.Empty((await invite.SubmitAsync(admin, ("Input.Name", "nieuw"), ("Input.Email", "nieuw@samenhier.nl"), ("Input.Role", "NationalStaff"), ("Input.Language", "nl"))).Errors);
        var mail = (await SignUpJourney.MailToAsync(app, "nieuw@samenhier.nl")).Single();
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"https?://[^/\s]+(/beheer/wachtwoord\?[^\s]+)").Groups[1].Value;
        var invitee = app.Client();
        var authenticator = await (await Page.GetAsync(invitee, link)).SubmitAsync(invitee, ("Password", StaffJourney.Password), ("Repeat", StaffJourney.Password));
        Assert.EndsWith("/beheer/authenticator", authenticator.Path);
        var key = authenticator.Document.QuerySelector("#authenticator-key")!.TextContent;

        var staff = await Page.GetAsync(admin, "/beheer/medewerkers");
        await staff.SubmitAsync(admin, [], actionContains: "handler=Disable");
        var done = await authenticator.SubmitAsync(invitee, ("Code", StaffJourney.NextCode(key)));

        Assert.DoesNotContain("Je account is klaar", done.Text, StringComparison.Ordinal);
        Assert.StartsWith("/beheer/inloggen", (await Page.GetAsync(invitee, "/beheer")).Path, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == "nieuw@samenhier.nl").Select(u => u.TwoFactorEnabled).SingleAsync()));
    }
}
