using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SamenHier.Bench;

/// <summary>
/// A sign-up rush: virtual browsers each walk the whole sign-up (every step's form fetched, then
/// posted with its antiforgery token, cookie and hidden fields, redirects followed) as fast as the
/// site answers, for a fixed time. Each acknowledged sign-up (the site answered "sent") is written to
/// a file at once, for <c>crash-check</c>. Reports the sustained rate, request and sign-up latency
/// percentiles, errors and, with <c>--pid</c>, the server's peak resident memory.
/// </summary>
public static class SignUpLoad
{
    public sealed record Outcome(int SignUps, int Errors, int Requests, double Seconds, double[] RequestMs, double[] SignUpMs, long PeakRssMb);

    public static async Task<int> RunAsync(string[] options)
    {
        var url = new Uri(Cli.Option(options, "url", "http://127.0.0.1:5080"));
        var seconds = int.Parse(Cli.Option(options, "seconds", "60"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Cli.Option(options, "concurrency", "32"), CultureInfo.InvariantCulture);
        var prefix = Cli.Option(options, "prefix", "rush");
        var ack = Cli.Option(options, "ack", "");
        var pid = int.Parse(Cli.Option(options, "pid", "0"), CultureInfo.InvariantCulture);
        var result = await RunAsync(url, TimeSpan.FromSeconds(seconds), concurrency, prefix, ack.Length > 0 ? ack : null, pid);
        Print("signup", result);
        return 0;
    }

    /// <summary>The framework's ceiling in the same conditions: one trivial request per iteration.</summary>
    public static async Task<int> CeilingAsync(string[] options)
    {
        var url = new Uri(Cli.Option(options, "url", "http://127.0.0.1:5080"));
        var seconds = int.Parse(Cli.Option(options, "seconds", "20"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Cli.Option(options, "concurrency", "32"), CultureInfo.InvariantCulture);
        var pid = int.Parse(Cli.Option(options, "pid", "0"), CultureInfo.InvariantCulture);
        using var client = Browser.Client(concurrency);
        var latencies = new ConcurrentBag<List<double>>();
        var errors = 0;
        var requests = 0;
        using var memory = new PeakMemory(pid);
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new List<double>();
            latencies.Add(mine);
            while (clock.Elapsed < end)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(new Uri(url, "/health/live"));
                    await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref requests);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        Print("ceiling", new Outcome(0, errors, requests, clock.Elapsed.TotalSeconds, all, [], memory.PeakMb));
        return 0;
    }

    public static async Task<Outcome> RunAsync(Uri url, TimeSpan duration, int concurrency, string prefix, string? ackPath, int pid)
    {
        using var client = Browser.Client(concurrency);
        var run = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8];
        using var ack = ackPath is null ? null : new StreamWriter(ackPath, append: true) { AutoFlush = true };
        var requestTimes = new ConcurrentBag<List<double>>();
        var signUpTimes = new ConcurrentBag<List<double>>();
        var counter = 0;
        var errors = 0;
        var requests = 0;
        using var memory = new PeakMemory(pid);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mineRequests = new List<double>();
            var mineSignUps = new List<double>();
            requestTimes.Add(mineRequests);
            signUpTimes.Add(mineSignUps);
            while (clock.Elapsed < duration)
            {
                var key = $"{prefix}-{run}-{Interlocked.Increment(ref counter)}";
                var started = Stopwatch.GetTimestamp();
                var browser = new Browser(client, url, mineRequests);
                try
                {
                    if (await SignUpAsync(browser, key))
                    {
                        if (ack is not null)
                        {
                            lock (ack)
                            {
                                ack.WriteLine(key);
                            }
                        }

                        mineSignUps.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else if (Interlocked.Increment(ref errors) <= 3)
                    {
                        Console.Error.WriteLine($"sign-up failed: {browser.Failure}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                    // The site is gone (the crash test): do not spin.
                    await Task.Delay(100);
                }

                Interlocked.Add(ref requests, browser.Requests);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        return new Outcome(
            signUpTimes.Sum(l => l.Count), errors, requests, elapsed,
            [.. requestTimes.SelectMany(l => l).Order()], [.. signUpTimes.SelectMany(l => l).Order()], memory.PeakMb);
    }

    private static void Print(string what, Outcome o)
    {
        static string P(double[] sorted, double q) => Browser.Percentile(sorted, q);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: seconds={o.Seconds:0.0} signups={o.SignUps} signups_per_s={o.SignUps / o.Seconds:0.0} requests={o.Requests} requests_per_s={o.Requests / o.Seconds:0} "
            + $"request_p50_ms={P(o.RequestMs, 0.50)} request_p99_ms={P(o.RequestMs, 0.99)} signup_p50_ms={P(o.SignUpMs, 0.50)} signup_p99_ms={P(o.SignUpMs, 0.99)} "
            + $"errors={o.Errors} server_peak_rss_mb={(o.PeakRssMb > 0 ? o.PeakRssMb.ToString(CultureInfo.InvariantCulture) : "-")}"));
    }

    /// <summary>One whole sign-up, every step fetched and posted, as a person's browser makes it.</summary>
    private static async Task<bool> SignUpAsync(Browser browser, string key)
    {
        var steps = new List<(string Path, (string, string)[] Fields)>
        {
            ("/aanmelden/stad", [("City", "den-haag")]),
            ("/aanmelden/soort", [("GroupType", "Welcome")]),
            ("/aanmelden/groep", [("GroupName", "Groep " + key), ("Motivation", "Wij willen onze buurt openstellen.")]),
        };
        for (var i = 1; i <= 5; i++)
        {
            steps.Add(($"/aanmelden/lid/{i}", Member(key, i)));
        }

        steps.Add(("/aanmelden/leden", []));
        steps.Add(("/aanmelden/toestemming", [("Consent", "yes")]));
        steps.Add(("/aanmelden/controleren", []));
        var next = steps[0].Path;
        foreach (var (path, fields) in steps)
        {
            if (next != path)
            {
                browser.Failure = $"sent to {next} instead of {path}";
                return false; // The site sent the browser elsewhere: a validation error.
            }

            var (status, _, body) = await browser.SendAsync(HttpMethod.Get, path, null);
            if (status != HttpStatusCode.OK)
            {
                browser.Failure = $"GET {path}: {(int)status}";
                return false;
            }

            var (_, form) = Browser.Form(body);
            foreach (var (name, value) in fields)
            {
                form.Add(new(name, value));
            }

            var (posted, location, _) = await browser.SendAsync(HttpMethod.Post, path, form);
            if (!Browser.IsRedirect(posted) || location is null)
            {
                browser.Failure = $"POST {path}: {(int)posted}";
                return false;
            }

            next = location;
        }

        if (next != "/aanmelden/verstuurd")
        {
            browser.Failure = $"sent to {next} after the last step";
            return false;
        }

        var (done, _, _) = await browser.SendAsync(HttpMethod.Get, next, null);
        return done == HttpStatusCode.OK;
    }

    private static (string, string)[] Member(string key, int i) =>
    [
        ("Input.Name", $"Lid {i} {key}"),
        ("Input.Email", $"{key}-{i}@voorbeeld.nl"),
        ("Input.Phone", $"06 1234 567{i}"),
        ("Input.Postcode", "2511 AB"),
        ("Input.Municipality", ""),
        ("Input.DateOfBirth", "1985-04-12"),
        ("Input.PreferredLanguage", "nl"),
        ("Input.Languages[0].Code", "nl"),
        ("Input.Languages[0].Level", "native"),
        ("Input.Occupation", "Docent"),
        ("Input.Sectors", "education"),
        ("Input.Interests", "Koken, voetbal"),
        ("Input.Availability", "weekend"),
    ];
}
