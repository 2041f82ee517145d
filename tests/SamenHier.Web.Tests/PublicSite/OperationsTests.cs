using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.PublicSite;

public sealed class OperationsTests
{
    [Fact]
    public async Task AFailure_ShowsTheErrorPageWithoutDetails()
    {
        // Without its schema, every page that reads the database fails.
        await using var app = new AppFactory(settings: new() { ["Database:MigrateOnStartup"] = "false" }, fresh: true);
        var page = await Page.GetAsync(app.Client(), "/steden");

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal("Er ging iets mis", page.Document.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Exception", page.Html);
        Assert.DoesNotContain("SamenHier.Web.", page.Html);
        Assert.DoesNotContain("Cities", page.Html);
    }

    [Fact]
    public async Task AFailure_AskedForAsJson_IsProblemDetails()
    {
        await using var app = new AppFactory(settings: new() { ["Database:MigrateOnStartup"] = "false" }, fresh: true);
        var client = app.Client();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        var failed = await client.GetAsync("/steden");
        var missing = await client.GetAsync("/bestaat-niet");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());
        Assert.Equal(500, json.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Exception", json.RootElement.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Logs_OfAWholeSignUp_HoldNoPersonalData()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client(), member: i => SignUpJourney.Member(i, email: $"geheim{i}@voorbeeld.nl", name: $"Zichtbare Naam{i}"));
        await SignUpJourney.ConfirmAsync(app.Client(), await SignUpJourney.ConfirmLinkAsync(app, "geheim2@voorbeeld.nl"));
        await app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<SamenHier.Web.Infrastructure.Email.OutboxSender>().ProcessDueAsync(CancellationToken.None);
            await sp.GetRequiredService<SignUpService>().ExpireAsync(CancellationToken.None);
        });

        var lines = app.Logs.Lines.ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains("geheim", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("Zichtbare Naam", StringComparison.Ordinal));
        // The phone number and postcode as typed and as stored; not their bare digits, which a request's
        // timing in milliseconds may contain by chance ("in 3.612345 ms").
        Assert.DoesNotContain(lines, l => l.Contains("06 1234", StringComparison.Ordinal) || l.Contains("0612345", StringComparison.Ordinal) || l.Contains("+31612345", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("2511 ab", StringComparison.OrdinalIgnoreCase) || l.Contains("2511ab", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("1985-04-12", StringComparison.Ordinal));
    }
}
