using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SamenHier.Bench;

/// <summary>
/// One person's browser for the load drivers: its own cookies, forms read from the page (hidden
/// fields such as the antiforgery token, and the empty honeypot), redirects left to the caller. Every
/// request's time goes into <c>times</c>.
/// </summary>
internal sealed partial class Browser(HttpClient client, Uri root, List<double> times)
{
    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form([^>]*)>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormBlock();

    [GeneratedRegex("name=\"([^\"]+)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("action=\"([^\"]*)\"")]
    private static partial Regex ActionAttribute();

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    /// <summary>Where the journey went wrong (the drivers print the first few).</summary>
    public string? Failure { get; set; }

    /// <summary>
    /// As the reverse proxy in front of the site would: HTTPS ended there, so every request says so
    /// (start the site with <c>App__BehindProxy=true</c>; its secure cookies need it).
    /// </summary>
    public static HttpClient Client(int concurrency)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    /// <summary>The hidden fields of the first form whose attributes match (or the page's last form without a handler of its own), its action, and the empty honeypot.</summary>
    public static (string? Action, List<KeyValuePair<string, string>> Fields) Form(string page, Func<string, bool>? which = null)
    {
        var forms = FormBlock().Matches(page);
        var form = which is null
            ? forms.LastOrDefault(f => !f.Groups[1].Value.Contains("handler=", StringComparison.Ordinal))
            : forms.FirstOrDefault(f => which(f.Groups[1].Value));
        var html = form?.Value ?? page;
        var action = form is null ? null : ActionAttribute().Match(form.Groups[1].Value) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : null;
        List<KeyValuePair<string, string>> fields =
        [
            .. HiddenInput().Matches(html).Select(m => (Name: NameAttribute().Match(m.Value), Value: ValueAttribute().Match(m.Value)))
                .Where(x => x.Name.Success)
                .Select(x => new KeyValuePair<string, string>(x.Name.Groups[1].Value, WebUtility.HtmlDecode(x.Value.Success ? x.Value.Groups[1].Value : ""))),
            new("website", ""),
        ];
        return (action, fields);
    }

    public async Task<(HttpStatusCode Status, string? Location, string Body)> SendAsync(HttpMethod method, string path, List<KeyValuePair<string, string>>? form)
    {
        using var request = new HttpRequestMessage(method, new Uri(root, path));
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Requests++;
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';', 2)[0];
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at > 0 && pair.Length > at + 1)
                {
                    _cookies[pair[..at]] = pair[(at + 1)..];
                }
                else if (at > 0)
                {
                    _cookies.Remove(pair[..at]); // deleted by the site (an empty value, expired)
                }
            }
        }

        return (response.StatusCode, response.Headers.Location?.OriginalString, body);
    }

    public static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;

    /// <summary>Percentile <paramref name="q"/> of sorted values, as text ("-" when there are none).</summary>
    public static string Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? "-" : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))].ToString("0.0", CultureInfo.InvariantCulture);
}
