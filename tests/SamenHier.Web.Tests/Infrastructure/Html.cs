using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>A page as a browser would see it: parsed HTML, its forms, and posting them like a person.</summary>
public sealed class Page
{
    private static readonly HtmlParser Parser = new();

    private Page(HttpResponseMessage response, string html)
    {
        Response = response;
        Html = html;
        Document = Parser.ParseDocument(html);
    }

    public HttpResponseMessage Response { get; }

    public HttpStatusCode Status => Response.StatusCode;

    public string Html { get; }

    public IHtmlDocument Document { get; }

    public string Path => Response.RequestMessage!.RequestUri!.PathAndQuery;

    public static async Task<Page> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return new Page(response, await response.Content.ReadAsStringAsync());
    }

    public static async Task<Page> FromAsync(HttpResponseMessage response) =>
        new(response, await response.Content.ReadAsStringAsync());

    /// <summary>The texts of the error summary's links, in order.</summary>
    public IReadOnlyList<string> Errors =>
        [.. Document.QuerySelectorAll(".sh-error-summary li a").Select(a => a.TextContent.Trim())];

    public IReadOnlyList<string> ErrorTargets =>
        [.. Document.QuerySelectorAll(".sh-error-summary li a").Select(a => a.GetAttribute("href")!)];

    public string? Value(string name) => Document.QuerySelector<IHtmlInputElement>($"input[name='{name}']")?.Value
        ?? Document.QuerySelector<IHtmlTextAreaElement>($"textarea[name='{name}']")?.Value;

    public string Text => Document.Body?.TextContent ?? "";

    /// <summary>
    /// Posts the form (the first, or the one whose action contains <paramref name="actionContains"/>)
    /// with its current values (hidden fields, checked boxes, selected options) overlaid by <paramref name="fields"/>.
    /// </summary>
    public async Task<Page> SubmitAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> fields, string? actionContains = null)
    {
        var (target, values) = Fill(fields, actionContains);
        var response = await client.PostAsync(target, new FormUrlEncodedContent(values));
        return await FromAsync(response);
    }

    /// <summary>Posts the form whose action contains <paramref name="actionContains"/> as multipart, with a file in <paramref name="fileField"/>.</summary>
    public async Task<Page> UploadAsync(HttpClient client, string actionContains, string fileField, string fileName, byte[] content, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var (target, values) = Fill(fields ?? [], actionContains);
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            body.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        body.Add(file, fileField, fileName);
        var response = await client.PostAsync(target, body);
        return await FromAsync(response);
    }

    /// <summary>The form's target and its current values overlaid by <paramref name="fields"/>.</summary>
    private (string Target, List<KeyValuePair<string, string>> Values) Fill(IEnumerable<KeyValuePair<string, string>> fields, string? actionContains)
    {
        var forms = Document.QuerySelectorAll<IHtmlFormElement>("form").ToList();
        var form = (actionContains is null
            ? forms.FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(f.GetAttribute("action")))
                ?? forms.FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && !(f.GetAttribute("action") ?? "").Contains("handler=", StringComparison.Ordinal))
            : forms.FirstOrDefault(f => (f.GetAttribute("action") ?? "").Contains(actionContains, StringComparison.Ordinal)))
            // Say which page it was, so a failure far from here explains itself.
            ?? throw new InvalidOperationException(
                $"No form{(actionContains is null ? "" : $" with '{actionContains}'")} on {Path} ({(int)Status}); errors: [{string.Join(" | ", Errors)}]; "
                + $"heading: {Document.QuerySelector("h1")?.TextContent.Trim()}"
                + ((int)Status >= 500 ? $"; recent server errors in this test process: {string.Join(" || ", LogSink.RecentErrors)}" : ""));
        var values = new List<KeyValuePair<string, string>>();
        var overridden = fields.Select(f => f.Key).ToHashSet();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !overridden.Contains(input.Name):
                    if (((input.Type is "checkbox" or "radio") && !input.IsChecked) || input.Type == "file")
                    {
                        break;
                    }

                    values.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !overridden.Contains(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !overridden.Contains(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }

        values.AddRange(fields);
        var action = form.GetAttribute("action");
        return (string.IsNullOrEmpty(action) ? Path : action, values);
    }

    /// <summary>Fills the page's search form as a person would, posts it and follows it to the list.</summary>
    public async Task<Page> SearchAsync(HttpClient client, params (string Label, string Value)[] byLabel)
    {
        var form = Document.QuerySelector<IHtmlFormElement>("form[role='search']")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (label, value) in byLabel)
        {
            // Found by the visible label, so the test fails if a label and its field come apart.
            var labelElement = form.QuerySelectorAll("label").First(l => l.TextContent.Trim().StartsWith(label, StringComparison.Ordinal));
            var field = form.QuerySelector("#" + labelElement.GetAttribute("for"))!;
            fields.Add(new(field.GetAttribute("name")!, value));
        }

        return await SubmitAsync(client, fields, form.GetAttribute("action"));
    }

    public Task<Page> SubmitAsync(HttpClient client, params (string Name, string Value)[] fields) =>
        SubmitAsync(client, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
