namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>Staff accounts over HTTP: from a set-password link to a signed-in back office.</summary>
public static class StaffJourney
{
    public const string Password = "een lange zin als wachtwoord";

    /// <summary>The code an authenticator app shows now (Identity checks codes against the real clock).</summary>
    public static string CodeNow(string key) => Totp.Code(key, DateTimeOffset.UtcNow);

    /// <summary>Follows a set-password link: password, authenticator, recovery codes. Returns the key and the last page.</summary>
    public static async Task<(string Key, Page Done)> SetUpAsync(HttpClient client, string link)
    {
        var form = await Page.GetAsync(client, link);
        var authenticator = await form.SubmitAsync(client, ("Password", Password), ("Repeat", Password));
        Assert.EndsWith("/beheer/authenticator", authenticator.Path);
        var key = authenticator.Document.QuerySelector("#authenticator-key")!.TextContent;
        var done = await authenticator.SubmitAsync(client, ("Code", CodeNow(key)));
        return (key, done);
    }

    public static async Task<(HttpClient Client, string Key)> CreateAdminAsync(AppFactory app, string email = "admin@samenhier.nl")
    {
        var (_, link) = await SamenHier.Web.Commands.CreateAdminAsync(app.Services, email, "Beheerder", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var client = app.Client();
        var (key, done) = await SetUpAsync(client, new Uri(link).PathAndQuery);
        Assert.Equal(10, done.Document.QuerySelectorAll(".sh-recovery-codes li").Length);
        return (client, key);
    }

    public static async Task<Page> SignInAsync(HttpClient client, string email, string password, string? key)
    {
        var form = await Page.GetAsync(client, "/beheer/inloggen");
        var next = await form.SubmitAsync(client, ("Email", email), ("Password", password));
        if (key is null || !next.Path.StartsWith("/beheer/inloggen/code", StringComparison.Ordinal))
        {
            return next;
        }

        return await next.SubmitAsync(client, ("Code", CodeNow(key)));
    }

}
