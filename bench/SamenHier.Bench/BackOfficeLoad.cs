using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Bench;

/// <summary>
/// Staff in the back office at once: each virtual staff member gets an account of their own (the
/// site's <c>create-admin</c> command, then the set-password link, password, authenticator code, as a
/// person does), then goes round the dashboard, the group list at a random page, a group search, the
/// newcomer list and a newcomer search, with <c>--think-ms</c> between clicks. An action is what a
/// person waits for: a search is its post, the redirect and the list it opens. Reports the actions per
/// second and, per kind of action, p50 and p95 latency; errors; the server's peak memory.
/// </summary>
public static partial class BackOfficeLoad
{
    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([^<]+)<")]
    private static partial Regex AuthenticatorKey();

    private const string Password = "een lange zin als wachtwoord voor de meting";

    /// <summary>Search terms as staff type them: common Dutch surnames, parts of names and places.</summary>
    private static readonly string[] Terms = ["jansen", "de vries", "bakker", "visser", "smit", "meijer", "de boer", "mulder", "de groot", "bos", "peters", "hendriks", "van dijk", "ahmed", "mohammed", "utrecht", "buren", "an"];

    private static readonly string[] Kinds = ["dashboard", "groups", "group-search", "newcomers", "newcomer-search"];

    public static async Task<int> RunAsync(string[] options)
    {
        var url = new Uri(Cli.Option(options, "url", "http://127.0.0.1:5080"));
        var seconds = int.Parse(Cli.Option(options, "seconds", "60"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Cli.Option(options, "concurrency", "32"), CultureInfo.InvariantCulture);
        var thinkMs = int.Parse(Cli.Option(options, "think-ms", "0"), CultureInfo.InvariantCulture);
        var pid = int.Parse(Cli.Option(options, "pid", "0"), CultureInfo.InvariantCulture);
        var app = Path.GetFullPath(Cli.Option(options, "app", "src/SamenHier.Web/bin/Release/net10.0/SamenHier.Web.dll"));
        var pages = int.Parse(Cli.Option(options, "pages", "40"), CultureInfo.InvariantCulture);
        // --only dashboard,groups: just those actions, in turn (for profiling one page).
        var kinds = Cli.Option(options, "only", string.Join(',', Kinds)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (kinds.Length == 0 || kinds.Any(k => !Kinds.Contains(k)))
        {
            Console.Error.WriteLine($"--only takes some of: {string.Join(", ", Kinds)}");
            return 2;
        }

        using var client = Browser.Client(concurrency);
        // New accounts each run: one whose authenticator is set up cannot be set up again.
        var run = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];
        var clock = Stopwatch.StartNew();
        var staff = new Browser?[concurrency];
        using (var gate = new SemaphoreSlim(2))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    staff[i] = await SignInAsync(client, url, app, $"bench-{run}-{i + 1}@samenhier.test");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        if (staff.Any(s => s is null))
        {
            Console.Error.WriteLine($"{staff.Count(s => s is null)} of {concurrency} staff could not sign in.");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"signed in {concurrency} staff in {clock.Elapsed.TotalSeconds:0.0} s"));

        var actions = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = 0;
        using var memory = new PeakMemory(pid);
        clock.Restart();
        var duration = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(staff.Select(async (browser, i) =>
        {
            var random = new Random(i);
            var lists = new Dictionary<string, string>();
            for (var step = i; clock.Elapsed < duration; step++)
            {
                var kind = kinds[step % kinds.Length];
                if (kind.EndsWith("-search", StringComparison.Ordinal) && !lists.ContainsKey(kind[..^7] + "s"))
                {
                    // A search starts from its list: open it first (not timed) when this person has not yet.
                    await PageAsync(browser!, kind == "group-search" ? "/beheer/groepen" : "/beheer/nieuwkomers", page => lists[kind[..^7] + "s"] = page);
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    var ok = kind switch
                    {
                        "dashboard" => await PageAsync(browser!, "/beheer", null),
                        "groups" => await PageAsync(browser!, $"/beheer/groepen?pagina={random.Next(1, pages + 1)}", page => lists["groups"] = page),
                        "newcomers" => await PageAsync(browser!, $"/beheer/nieuwkomers?pagina={random.Next(1, pages + 1)}", page => lists["newcomers"] = page),
                        "group-search" => await SearchAsync(browser!, "/beheer/groepen", lists["groups"], Terms[random.Next(Terms.Length)]),
                        _ => await SearchAsync(browser!, "/beheer/nieuwkomers", lists["newcomers"], Terms[random.Next(Terms.Length)]),
                    };
                    if (ok)
                    {
                        actions.GetOrAdd(kind, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else if (Interlocked.Increment(ref errors) <= 3)
                    {
                        Console.Error.WriteLine($"{kind} failed: {browser!.Failure}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                if (thinkMs > 0)
                {
                    await Task.Delay(random.Next(thinkMs / 2, thinkMs * 3 / 2 + 1));
                }
            }
        }));

        var elapsed = clock.Elapsed.TotalSeconds;
        var all = actions.Values.SelectMany(v => v).Order().ToArray();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"backoffice: seconds={elapsed:0.0} staff={concurrency} think_ms={thinkMs} actions={all.Length} actions_per_s={all.Length / elapsed:0.0} p50_ms={Browser.Percentile(all, 0.50)} p95_ms={Browser.Percentile(all, 0.95)} errors={errors} server_peak_rss_mb={(memory.PeakMb > 0 ? memory.PeakMb.ToString(CultureInfo.InvariantCulture) : "-")}");
        Console.WriteLine(line);
        foreach (var kind in Kinds)
        {
            var sorted = actions.GetValueOrDefault(kind)?.Order().ToArray() ?? [];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind}: n={sorted.Length} p50_ms={Browser.Percentile(sorted, 0.50)} p95_ms={Browser.Percentile(sorted, 0.95)} max_ms={(sorted.Length > 0 ? sorted[^1] : 0):0.0}"));
        }

        return 0;
    }

    /// <summary>A page that must open as itself (not the sign-in page).</summary>
    private static async Task<bool> PageAsync(Browser browser, string path, Action<string>? keep)
    {
        var (status, location, body) = await browser.SendAsync(HttpMethod.Get, path, null);
        if (status != HttpStatusCode.OK)
        {
            browser.Failure = $"GET {path}: {(int)status} {location}";
            return false;
        }

        keep?.Invoke(body);
        return true;
    }

    /// <summary>The list's search form posted with a term, and the list it redirects to (the term sealed in the address).</summary>
    private static async Task<bool> SearchAsync(Browser browser, string list, string page, string term)
    {
        var (action, fields) = Browser.Form(page, attributes => attributes.Contains("role=\"search\"", StringComparison.Ordinal));
        if (action is null)
        {
            browser.Failure = $"no search form on {list}";
            return false;
        }

        fields.Add(new("Search", term));
        var (posted, location, _) = await browser.SendAsync(HttpMethod.Post, action, fields);
        if (!Browser.IsRedirect(posted) || location is null)
        {
            browser.Failure = $"POST {list} search: {(int)posted}";
            return false;
        }

        return await PageAsync(browser, location, null);
    }

    /// <summary>A staff account made with the site's own command, set up through its pages: a signed-in browser, or null.</summary>
    private static async Task<Browser?> SignInAsync(HttpClient client, Uri url, string app, string email)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(app)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { app, "create-admin", email, "Meting" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (Link().Match(output) is not { Success: true } link)
        {
            Console.Error.WriteLine($"create-admin {email} printed no link: {output} {error}");
            return null;
        }

        var browser = new Browser(client, url, []);
        var path = new Uri(link.Value).PathAndQuery;
        var (_, _, body) = await browser.SendAsync(HttpMethod.Get, path, null);
        var (_, fields) = Browser.Form(body);
        fields.Add(new("Password", Password));
        fields.Add(new("Repeat", Password));
        var (_, next, _) = await browser.SendAsync(HttpMethod.Post, path, fields);
        if (next is null)
        {
            Console.Error.WriteLine($"{email}: setting the password did not go on");
            return null;
        }

        (_, _, body) = await browser.SendAsync(HttpMethod.Get, next, null);
        if (AuthenticatorKey().Match(body) is not { Success: true } key)
        {
            Console.Error.WriteLine($"{email}: no authenticator key on {next}");
            return null;
        }

        var secret = OneTimeAuthenticatorCodes.DecodeBase32(key.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant())!;
        // The code of this 30-second step, or of the next when the step turned meanwhile.
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            (_, fields) = Browser.Form(body);
            fields.Add(new("Code", OneTimeAuthenticatorCodes.Code(secret, step + attempt).ToString("D6", CultureInfo.InvariantCulture)));
            (_, _, body) = await browser.SendAsync(HttpMethod.Post, next, fields);
            var (status, _, _) = await browser.SendAsync(HttpMethod.Get, "/beheer", null);
            if (status == HttpStatusCode.OK)
            {
                return browser;
            }
        }

        Console.Error.WriteLine($"{email}: the authenticator code was not accepted");
        return null;
    }
}
