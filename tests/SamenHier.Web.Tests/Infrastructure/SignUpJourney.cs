using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Infrastructure.Email;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>Walks the sign-up over HTTP as a person with a browser would, step by step.</summary>
public static partial class SignUpJourney
{
    public static (string Name, string Value)[] Member(int i, string? email = null, string language = "nl", string? name = null) =>
    [
        ("Input.Name", name ?? $"Lid {i}"),
        ("Input.Email", email ?? $"lid{i}@voorbeeld.nl"),
        ("Input.Phone", $"06 1234 567{i % 10}"),
        ("Input.Postcode", "2511 ab"),
        ("Input.Municipality", ""),
        ("Input.DateOfBirth", "1985-04-12"),
        ("Input.PreferredLanguage", language),
        ("Input.Languages[0].Code", "nl"),
        ("Input.Languages[0].Level", "native"),
        ("Input.Languages[1].Code", "ar"),
        ("Input.Languages[1].Level", "basic"),
        ("Input.Occupation", "Docent"),
        ("Input.Sectors", "education"),
        ("Input.Interests", "Koken, voetbal"),
        ("Input.Availability", "weekend"),
    ];

    /// <summary>From the first step to the check-your-answers page.</summary>
    public static async Task<Page> ToCheckPageAsync(
        HttpClient client,
        int members = 5,
        string city = "den-haag",
        string type = "Welcome",
        Func<int, (string, string)[]>? member = null,
        string prefix = "lid")
    {
        member ??= i => Member(i, email: $"{prefix}{i}@voorbeeld.nl");
        var page = await Page.GetAsync(client, "/aanmelden/stad");
        page = await page.SubmitAsync(client, ("City", city));
        Assert.EndsWith("/aanmelden/soort", page.Path);
        page = await page.SubmitAsync(client, ("GroupType", type));
        Assert.EndsWith("/aanmelden/groep", page.Path);
        page = await page.SubmitAsync(client, ("GroupName", "De Buren"), ("Motivation", "Wij willen onze buurt openstellen."));
        for (var i = 1; i <= members; i++)
        {
            Assert.EndsWith($"/aanmelden/lid/{i}", page.Path);
            page = await page.SubmitAsync(client, member(i));
            Assert.Empty(page.Errors);
        }

        if (members < 5)
        {
            return await Page.GetAsync(client, "/aanmelden/leden");
        }

        Assert.EndsWith("/aanmelden/leden", page.Path);

        page = await page.SubmitAsync(client);
        if (page.Path.EndsWith("/aanmelden/leden", StringComparison.Ordinal))
        {
            return page; // The members page found a problem.
        }

        Assert.EndsWith("/aanmelden/toestemming", page.Path);
        page = await page.SubmitAsync(client, ("Consent", "yes"));
        Assert.EndsWith("/aanmelden/controleren", page.Path);
        return page;
    }

    /// <summary>A whole sign-up; returns the page after submitting.</summary>
    public static async Task<Page> SubmitAsync(HttpClient client, string prefix = "lid", Func<int, (string, string)[]>? member = null)
    {
        var check = await ToCheckPageAsync(client, prefix: prefix, member: member);
        var sent = await check.SubmitAsync(client);
        Assert.EndsWith("/aanmelden/verstuurd", sent.Path);
        return sent;
    }

    [GeneratedRegex(@"https?://[^/\s]+(/aanmelden/bevestigen\?code=[A-Za-z0-9_-]{43})")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https?://[^/\s]+(/aanmelden/status\?code=[A-Za-z0-9_-]{43})")]
    private static partial Regex StatusLink();

    public static async Task<List<OutboxMessage>> MailToAsync(AppFactory app, string address) =>
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == address).OrderBy(m => m.CreatedAt).ToListAsync());

    /// <summary>The newest confirmation link e-mailed to <paramref name="address"/>.</summary>
    public static async Task<string> ConfirmLinkAsync(AppFactory app, string address)
    {
        var mail = await MailToAsync(app, address);
        return mail.Select(m => ConfirmLink().Match(m.TextBody)).Last(m => m.Success).Groups[1].Value;
    }

    public static async Task<string> StatusLinkAsync(AppFactory app, string address)
    {
        var mail = await MailToAsync(app, address);
        return mail.Select(m => StatusLink().Match(m.TextBody)).Last(m => m.Success).Groups[1].Value;
    }

    public static async Task<Page> ConfirmAsync(HttpClient client, string link)
    {
        var page = await Page.GetAsync(client, link);
        return await page.SubmitAsync(client, ("Consent", "yes"));
    }
}
