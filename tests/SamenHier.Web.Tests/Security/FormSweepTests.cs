using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Security;

/// <summary>
/// Every form national staff can reach, found by walking the back office from its home page, gets
/// hostile text in every text field: never a server error, never the text back unescaped on any page
/// (also later, where stored text is shown).
/// </summary>
public sealed class FormSweepTests
{
    private const string Script = "<script>alert('sh')</script>";
    private const string Image = "\"><img src=x onerror=alert('sh')>";

    private static readonly string[] Payloads =
    [
        Script,
        Image,
        "' OR '1'='1' --",
        "=HYPERLINK(\"http://x.invalid\")",
        "{{7*7}} @(1+1) ${7*7}",
        "\u202Eevil\u202C",
        "مرحبا 😀 ትግርኛ",
        new string('x', 5_000),
    ];

    private static readonly string[] TextTypes = ["text", "email", "tel", "url", "search", "number", "date", "password", ""];

    [Fact]
    public async Task EveryBackOfficeForm_WithHostileText_NeverFails_AndNeverShowsItUnescaped()
    {
        await using var app = new AppFactory();
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);
        await StaffJourney.CompleteGroupAsync(app, "sw", groupName: "Groep Sweep");
        await NewcomerJourney.AddAsync(admin, app, "Familie Sweep", "den-haag");

        var seen = new List<string>();
        var queue = new Queue<string>(["/beheer", "/meldingen", "/activiteiten"]);
        var failures = new List<string>();
        var forms = 0;
        while (queue.Count > 0 && seen.Count < 150)
        {
            var path = queue.Dequeue();
            if (seen.Contains(path))
            {
                continue;
            }

            seen.Add(path);
            var page = await Page.GetAsync(admin, path);
            Check($"GET {path}", page);
            if (page.Status != HttpStatusCode.OK || page.Path.StartsWith("/beheer/inloggen", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var href in page.Document.QuerySelectorAll("a[href^='/beheer/']").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                // Pages, not files or filtered variants of a list.
                if (!href.Contains('?', StringComparison.Ordinal) && !href.EndsWith(".csv", StringComparison.Ordinal) && !seen.Contains(href))
                {
                    queue.Enqueue(href);
                }
            }

            foreach (var form in page.Document.QuerySelectorAll<IHtmlFormElement>("form").Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)))
            {
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : path;
                var texts = form.Elements.Where(e => e is IHtmlTextAreaElement || (e is IHtmlInputElement i && TextTypes.Contains(i.Type) && !string.IsNullOrEmpty(i.Name))).ToList();
                if (action.Contains("uitloggen", StringComparison.Ordinal) || texts.Count == 0)
                {
                    continue;
                }

                forms++;
                foreach (var payload in Payloads)
                {
                    var values = new List<KeyValuePair<string, string>>();
                    foreach (var element in form.Elements)
                    {
                        switch (element)
                        {
                            case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                                values.Add(new(area.Name, payload));
                                break;
                            case IHtmlInputElement input when TextTypes.Contains(input.Type) && !string.IsNullOrEmpty(input.Name):
                                values.Add(new(input.Name, payload));
                                break;
                            // Hidden fields (the form token) as they are; boxes stay as they are, so nothing is confirmed by accident.
                            case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && (input.Type == "hidden" || (input.Type is "checkbox" or "radio" && input.IsChecked)):
                                values.Add(new(input.Name, input.Value));
                                break;
                            case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                                values.Add(new(select.Name, select.Value ?? ""));
                                break;
                        }
                    }

                    var response = await admin.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
                    Check($"POST {action} ({payload[..Math.Min(20, payload.Length)]})", await Page.FromAsync(response));
                }
            }
        }

        // Stored text is shown elsewhere: every page again.
        foreach (var path in seen)
        {
            Check($"GET {path} after", await Page.GetAsync(admin, path));
        }

        Assert.True(forms >= 15, $"only {forms} forms with text fields found on {seen.Count} pages");
        Assert.True(seen.Count >= 30, $"only {seen.Count} pages reached");
        Assert.Empty(failures);

        void Check(string what, Page page)
        {
            if ((int)page.Status >= 500)
            {
                failures.Add($"{what}: {(int)page.Status}");
            }

            if (page.Html.Contains(Script, StringComparison.Ordinal) || page.Html.Contains("<img src=x onerror", StringComparison.Ordinal))
            {
                failures.Add($"{what}: the payload is in the page unescaped");
            }
        }
    }
}
