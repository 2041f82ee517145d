using System.Text.RegularExpressions;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>A group member asks for a sign-in link and follows it, as a person would.</summary>
public static partial class MemberJourney
{
    [GeneratedRegex(@"https?://[^/\s]+(/inloggen/link\?code=[A-Za-z0-9_\-]+)")]
    private static partial Regex SignInLink();

    public static async Task<Page> RequestLinkAsync(HttpClient client, string email)
    {
        var form = await Page.GetAsync(client, "/inloggen");
        return await form.SubmitAsync(client, ("Email", email));
    }

    /// <summary>The newest sign-in link e-mailed to <paramref name="address"/>, or null.</summary>
    public static async Task<string?> LinkAsync(AppFactory app, string address)
    {
        var mail = await SignUpJourney.MailToAsync(app, address);
        return mail.Select(m => SignInLink().Match(m.TextBody)).LastOrDefault(m => m.Success)?.Groups[1].Value;
    }

    /// <summary>Opens the link and presses the button; returns the page the person ends on.</summary>
    public static async Task<Page> FollowAsync(HttpClient client, string link)
    {
        var page = await Page.GetAsync(client, link);
        return page.Document.QuerySelector("form") is null ? page : await page.SubmitAsync(client);
    }

    /// <summary>Requests a link for <paramref name="email"/> and signs in with it.</summary>
    public static async Task<HttpClient> SignInAsync(AppFactory app, string email, string home = "/mijn-groep")
    {
        var client = app.Client();
        await RequestLinkAsync(client, email);
        var link = await LinkAsync(app, email) ?? throw new InvalidOperationException($"no sign-in link for {email}");
        var page = await FollowAsync(client, link);
        Assert.Equal(home, page.Path);
        return client;
    }
}
