using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.SignUp;

/// <summary>
/// A corpus of hostile and odd strings through every sign-up field: each is refused with a message
/// or stored and shown back exactly as typed, HTML-encoded. Never a 500.
/// </summary>
public sealed class HostileInputTests
{
    public static readonly string[] Corpus =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE \"GroupMembers\"; --",
        "1' OR '1'='1",
        "Robert'); DELETE FROM Groups;--",
        "😀👩‍👩‍👧‍👦🇳🇱",
        "مرحبا بكم في هولندا",
        "ትግርኛ ቋንቋ",
        "Z̴̡̛a̸l̷g̶o̵ ̷t̴e̵x̸t̶",
        "\u202Eevil\u202C",
        "a\u0000b",
        "bell\u0007",
        "line1\r\nline2",
        "{{7*7}} ${7*7} @(1+1) <%= 7*7 %>",
        "../../../../etc/passwd",
        "%00%27%22",
        "javascript:alert(1)",
        new string('x', 10_000),
        "   ",
        "",
    ];

    private static readonly string[] MemberFields =
    [
        "Input.Name", "Input.Email", "Input.Phone", "Input.Postcode", "Input.Municipality", "Input.DateOfBirth",
        "Input.PreferredLanguage", "Input.Languages[0].Code", "Input.Languages[0].Level", "Input.Occupation",
        "Input.Sectors", "Input.Interests", "Input.Availability",
    ];

    private static readonly HashSet<string> TypedFields =
        ["Input.Name", "Input.Email", "Input.Phone", "Input.Postcode", "Input.Municipality", "Input.DateOfBirth", "Input.Occupation", "Input.Interests"];

    [Fact]
    public async Task EveryMemberField_WithEveryHostileString_IsRefusedOrKeptExactly()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var page = await Page.GetAsync(client, "/aanmelden/stad");
        page = await page.SubmitAsync(client, ("City", "den-haag"));
        page = await page.SubmitAsync(client, ("GroupType", "Sponsor"));
        page = await page.SubmitAsync(client, ("GroupName", ""), ("Motivation", "Omdat het kan."));
        var form = await Page.GetAsync(client, "/aanmelden/lid/1");
        Assert.Equal(HttpStatusCode.OK, form.Status);

        var accepted = 0;
        var refused = 0;
        foreach (var field in MemberFields)
        {
            foreach (var hostile in Corpus)
            {
                var fields = SignUpJourney.Member(1).Where(f => f.Name != field).Append((field, hostile)).ToArray();
                var result = await form.SubmitAsync(client, fields);

                Assert.True(result.Status == HttpStatusCode.OK, $"{field} = {Show(hostile)} gave {(int)result.Status}");
                Assert.DoesNotContain("<script>alert(1)</script>", result.Html);
                Assert.DoesNotContain("<img src=x", result.Html);
                if (result.Path.EndsWith("/aanmelden/lid/1", StringComparison.Ordinal))
                {
                    refused++;
                    Assert.NotEmpty(result.Errors);
                    if (TypedFields.Contains(field))
                    {
                        // What was typed is shown back as typed (the browser normalises line breaks).
                        AssertKept(hostile, Typed(result, field));
                    }
                }
                else
                {
                    accepted++;
                    var again = await Page.GetAsync(client, "/aanmelden/lid/1");
                    if (TypedFields.Contains(field))
                    {
                        AssertKept(hostile, Typed(again, field));
                    }
                }
            }
        }

        // The corpus has both kinds; a rule that refused or took everything would be wrong.
        Assert.True(accepted > 20, $"accepted {accepted}");
        Assert.True(refused > 50, $"refused {refused}");
    }

    [Fact]
    public async Task HostileButValidText_IsStoredExactlyAndShownEncodedOnEveryPage()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        string[] names = ["<script>alert(1)</script>", "'; DROP TABLE \"GroupMembers\"; --", "😀👩‍👩‍👧‍👦 مرحبا", "Z̴̡̛a̸l̷g̶o̵", "{{7*7}} ${7*7}"];
        var check = await SignUpJourney.ToCheckPageAsync(client, member: i =>
            SignUpJourney.Member(i, email: $"lid{i}@voorbeeld.nl", name: names[i - 1])
                .Where(f => f.Item1 != "Input.Interests").Append(("Input.Interests", names[(i) % 5] + "\nen wandelen")).ToArray());

        var shown = check.Document.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.All(names, n => Assert.Contains(n, shown));
        Assert.DoesNotContain("<script>alert(1)</script>", check.Html);

        await check.SubmitAsync(client);
        var stored = await app.WithDbAsync(db => db.GroupMembers.OrderBy(m => m.Position).Select(m => m.Name).ToListAsync());
        Assert.Equal(names, stored);

        var status = await Page.GetAsync(app.Client(), await SignUpJourney.StatusLinkAsync(app, "lid1@voorbeeld.nl"));
        var cells = status.Document.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.All(names, n => Assert.Contains(n, cells));
        Assert.DoesNotContain("<script>alert(1)</script>", status.Html);
    }

    [Theory]
    [InlineData("GroupName")]
    [InlineData("Motivation")]
    public async Task GroupFields_WithEveryHostileString_AreRefusedOrKept(string field)
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var page = await Page.GetAsync(client, "/aanmelden/stad");
        page = await page.SubmitAsync(client, ("City", "den-haag"));
        page = await page.SubmitAsync(client, ("GroupType", "Welcome"));
        var form = page;
        foreach (var hostile in Corpus)
        {
            var other = field == "GroupName" ? ("Motivation", "Omdat het kan.") : ("GroupName", "Groep");
            var result = await form.SubmitAsync(client, (field, hostile), other);
            Assert.Equal(HttpStatusCode.OK, result.Status);
            Assert.DoesNotContain("<script>alert(1)</script>", result.Html);
            var back = await Page.GetAsync(client, "/aanmelden/groep");
            AssertKept(hostile, Typed(back, field));
        }
    }

    [Fact]
    public async Task ContactForm_WithEveryHostileString_IsRefusedOrStoredExactly()
    {
        await using var app = new AppFactory();
        var client = app.Client();
        var form = await Page.GetAsync(client, "/contact");
        foreach (var field in new[] { "Input.Name", "Input.Subject", "Input.Message" })
        {
            foreach (var hostile in Corpus)
            {
                var fields = new[] { ("Input.Name", "Iemand"), ("Input.Email", "iemand@voorbeeld.nl"), ("Input.Subject", "Vraag"), ("Input.Message", "Hallo") }
                    .Where(f => f.Item1 != field).Append((field, hostile)).ToArray();
                var result = await form.SubmitAsync(client, fields);
                Assert.Equal(HttpStatusCode.OK, result.Status);
                Assert.DoesNotContain("<script>alert(1)</script>", result.Html);
                if (result.Errors.Count > 0)
                {
                    AssertKept(hostile, Typed(result, field));
                }
            }
        }

        var stored = await app.WithDbAsync(db => db.Enquiries.Select(m => m.Message).ToListAsync());
        Assert.Contains("<script>alert(1)</script>", stored);
        Assert.Contains("line1\nline2", stored);
        Assert.DoesNotContain(stored, s => s!.Contains('\0', StringComparison.Ordinal));
    }

    private static string? Typed(Page page, string name) =>
        page.Document.QuerySelector<IHtmlInputElement>($"input[name='{name}']")?.GetAttribute("value")
        ?? page.Document.QuerySelector<IHtmlTextAreaElement>($"textarea[name='{name}']")?.TextContent;

    /// <summary>Shown back exactly as typed; a field of only spaces may come back empty.</summary>
    private static void AssertKept(string typed, string? shown)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            Assert.True(string.IsNullOrWhiteSpace(shown), $"expected nothing, got {shown}");
            return;
        }

        // A NUL cannot travel in a form; it comes back as U+FFFD (see FormNullCharacters).
        Assert.Equal(typed.Replace('\0', '\uFFFD').ReplaceLineEndings("\n"), shown?.ReplaceLineEndings("\n"));
    }

    private static string Show(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
