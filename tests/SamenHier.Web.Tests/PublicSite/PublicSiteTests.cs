using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.PublicSite;

public sealed class PublicSiteTests
{
    public static TheoryData<string> PublicPages =>
        ["/", "/hoe-het-werkt", "/steden", "/contact", "/privacy", "/doneren", "/helpen", "/helpen/aanbieden", "/helpen/nalaten", "/helpen/starten", "/verhalen", "/aanmelden", "/aanmelden/stad", "/aanmelden/verstuurd", "/aanmelden/bevestigd"];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_IsDutchByDefault_WithSecurityHeaders(string path)
    {
        await using var app = new AppFactory();
        var page = await Page.GetAsync(app.Client(), path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("nl", page.Document.DocumentElement.GetAttribute("lang"));
        var headers = page.Response.Headers;
        var csp = headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("max-age=", headers.GetValues("Strict-Transport-Security").Single());
        // No inline script, no third-party resources.
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        Assert.All(page.Document.QuerySelectorAll("link[href], img[src]"), e =>
            Assert.StartsWith("/", e.GetAttribute("href") ?? e.GetAttribute("src")));
        Assert.Single(page.Document.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task LanguageSwitch_ShowsTheSitInEnglishAndBack()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var dutch = await Page.GetAsync(client, "/steden");
        var link = dutch.Document.QuerySelector("a[hreflang=en]")!.GetAttribute("href")!;

        var english = await Page.GetAsync(client, link);

        Assert.EndsWith("/steden", english.Path);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Cities", english.Document.QuerySelector("h1")!.TextContent);
        var back = await Page.GetAsync(client, english.Document.QuerySelector("a[hreflang=nl]")!.GetAttribute("href")!);
        Assert.Equal("Steden", back.Document.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task LanguageSwitch_NeverRedirectsElsewhere(string target)
    {
        await using var app = new AppFactory();
        var response = await app.Client(redirects: false).GetAsync($"/taal/en?terug={Uri.EscapeDataString(target)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LanguageSwitch_BackToAnAddressWithOtherCharacters_Redirects_InsteadOfFailing()
    {
        // Found by wapiti (security/scan.sh): a non-ASCII character in a Location header was a 500.
        await using var app = new AppFactory();
        var response = await app.Client(redirects: false).GetAsync($"/taal/en?terug={Uri.EscapeDataString("/inloggen¿'\"(مرحبا")}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen%C2%BF'%22(%D9%85%D8%B1%D8%AD%D8%A8%D8%A7", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Cities_ShowsStateAndOpenGroupTypesFromTheDatabase()
    {
        await using var app = new AppFactory();
        var page = await Page.GetAsync(app.Client(), "/steden");
        var cards = page.Document.QuerySelectorAll(".sh-card").ToDictionary(c => c.QuerySelector("h3")!.TextContent, c => c.TextContent);
        Assert.Contains("sponsorgroep, welkomgroep", cards["Den Haag"]);
        Assert.Contains("sponsorgroep", cards["Rotterdam"]);
        Assert.DoesNotContain("welkomgroep", cards["Rotterdam"]);
        Assert.Contains("In voorbereiding", cards["Groningen"]);

        // Cities are data: a change by staff shows without a deployment.
        await app.WithDbAsync(async db =>
        {
            var rotterdam = await db.Cities.SingleAsync(c => c.Slug == "rotterdam");
            rotterdam.WelcomeGroupsOpen = true;
            return await db.SaveChangesAsync();
        });
        var after = await Page.GetAsync(app.Client(), "/steden");
        Assert.Contains("welkomgroep", after.Document.QuerySelectorAll(".sh-card").Single(c => c.QuerySelector("h3")!.TextContent == "Rotterdam").TextContent);
    }

    [Fact]
    public async Task UnknownPage_GivesA404PageInTheVisitorsLanguage()
    {
        await using var app = new AppFactory();
        var page = await Page.GetAsync(app.Client(), "/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Pagina niet gevonden", page.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        await using var app = new AppFactory();
        var response = await app.Client().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("SQLite", json.RootElement.GetProperty("database").GetProperty("provider").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("database").GetProperty("pendingMigrations").GetInt32());

        // Liveness: the process answers, with nothing else (no cookie, nothing to cache).
        var live = await app.Client().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ok", await live.Content.ReadAsStringAsync());
        Assert.False(live.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ContactForm_StoresTheMessageAndEmailsTheProgramme()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var form = await Page.GetAsync(client, "/contact");
        var sent = await form.SubmitAsync(client, ("Input.Name", "Aisha"), ("Input.Email", "aisha@voorbeeld.nl"), ("Input.Subject", "Samen Hier in Delft"), ("Input.Message", "Kan dat?"));

        Assert.Contains("we hebben je bericht ontvangen", sent.Text);
        var message = await app.WithDbAsync(db => db.Enquiries.SingleAsync());
        Assert.Equal("Samen Hier in Delft", message.Subject);
        // The programme's mailbox is told where to read it, not who asked or what.
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal("info@samenhier.nl", mail.ToAddress);
        Assert.Equal("Nieuwe contactvraag", mail.Subject);
        Assert.Contains($"/beheer/berichten/{message.Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Kan dat?", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("aisha@voorbeeld.nl", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactForm_WithErrors_KeepsWhatWasTyped()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var form = await Page.GetAsync(client, "/contact");
        var page = await form.SubmitAsync(client, ("Input.Name", "Aisha"), ("Input.Email", "geen-adres"), ("Input.Subject", ""), ("Input.Message", "Mijn lange vraag"));

        Assert.Equal(["Vul een e-mailadres in zoals naam@voorbeeld.nl.", "Vul een onderwerp in."], page.Errors);
        Assert.Equal(["#Input_Email", "#Input_Subject"], page.ErrorTargets);
        Assert.Equal("Aisha", page.Value("Input.Name"));
        Assert.Equal("geen-adres", page.Value("Input.Email"));
        Assert.Equal("Mijn lange vraag", page.Value("Input.Message"));
        Assert.Equal("true", page.Document.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid"));
        Assert.Contains("Input_Email-error", page.Document.QuerySelector("#Input_Email")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task ContactForm_SentFasterThanAPersonCould_IsDroppedQuietly()
    {
        await using var app = new AppFactory(settings: new() { ["Contact:MinimumSecondsToComplete"] = "3" });
        var client = app.Client();
        var form = await Page.GetAsync(client, "/contact");
        (string, string)[] values = [("Input.Name", "Bot"), ("Input.Email", "bot@voorbeeld.nl"), ("Input.Subject", "Koop nu"), ("Input.Message", "Spam")];

        var fast = await form.SubmitAsync(client, values);
        var forged = await form.SubmitAsync(client, [.. values, ("shown", "forged")]);
        Assert.Contains("we hebben je bericht ontvangen", fast.Text);
        Assert.Contains("we hebben je bericht ontvangen", forged.Text);
        Assert.Equal(0, await app.WithDbAsync(db => db.Enquiries.CountAsync()));

        app.Time!.Advance(TimeSpan.FromSeconds(30));
        await form.SubmitAsync(client, values);
        Assert.Equal(1, await app.WithDbAsync(db => db.Enquiries.CountAsync()));
    }

    [Fact]
    public async Task Production_WithoutAPublicBaseUrl_RefusesToStart()
    {
        await using var app = new AppFactory(settings: new() { ["App:PublicBaseUrl"] = "" }, environment: "Production");
        var error = Assert.Throws<InvalidOperationException>(() => app.Client());
        Assert.Contains("App:PublicBaseUrl", error.Message);
    }

    [Fact]
    public async Task Links_AreNeverBuiltFromAForeignHostHeader()
    {
        await using var app = new AppFactory(settings: new() { ["App:PublicBaseUrl"] = "" });
        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client);
        client.DefaultRequestHeaders.Host = "evil.example";

        var result = await check.SubmitAsync(client);

        Assert.NotEqual(HttpStatusCode.OK, result.Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task EveryEndpoint_DeclaresWhoMayUseIt()
    {
        await using var app = new AppFactory();
        _ = app.Client();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(undeclared);

        // The public pages say so themselves; nothing else is reachable without signing in.
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "aanmelden/controleren" && e.Metadata.GetMetadata<IAllowAnonymous>() is not null);
    }
}
