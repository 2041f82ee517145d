using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SamenHier.Bench;

/// <summary>
/// A sign-up rush: virtual browsers each walk the whole sign-up (every step's form fetched, then
/// posted with its antiforgery token, cookie and hidden fields, redirects followed) as fast as the
/// site answers, for a fixed time. Each acknowledged sign-up (the site answered "sent") is written to
/// a file at once, for <c>crash-check</c>. Reports the sustained rate, request and sign-up latency
/// percentiles, errors and, with <c>--pid</c>, the server's peak resident memory.
/// </summary>
public static partial class SignUpLoad
{
    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form([^>]*)>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormBlock();

    [GeneratedRegex("name=\"([^\"]+)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    public sealed record Outcome(int SignUps, int Errors, int Requests, double Seconds, double[] RequestMs, double[] SignUpMs, long PeakRssMb);

    public static async Task<int> RunAsync(string[] options)
    {
        var url = new Uri(Option(options, "url", "http://127.0.0.1:5080"));
        var seconds = int.Parse(Option(options, "seconds", "60"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option(options, "concurrency", "32"), CultureInfo.InvariantCulture);
        var prefix = Option(options, "prefix", "rush");
        var ack = Option(options, "ack", "");
        var pid = int.Parse(Option(options, "pid", "0"), CultureInfo.InvariantCulture);
        var result = await RunAsync(url, TimeSpan.FromSeconds(seconds), concurrency, prefix, ack.Length > 0 ? ack : null, pid);
        Print("signup", result);
        return 0;
    }

    /// <summary>The framework's ceiling in the same conditions: one trivial request per iteration.</summary>
    public static async Task<int> CeilingAsync(string[] options)
    {
        var url = new Uri(Option(options, "url", "http://127.0.0.1:5080"));
        var seconds = int.Parse(Option(options, "seconds", "20"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option(options, "concurrency", "32"), CultureInfo.InvariantCulture);
        var pid = int.Parse(Option(options, "pid", "0"), CultureInfo.InvariantCulture);
        using var client = Client(concurrency);
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
        using var client = Client(concurrency);
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
                    if (await browser.SignUpAsync(key))
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
        static string P(double[] sorted, double q) => sorted.Length == 0 ? "-" : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))].ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: seconds={o.Seconds:0.0} signups={o.SignUps} signups_per_s={o.SignUps / o.Seconds:0.0} requests={o.Requests} requests_per_s={o.Requests / o.Seconds:0} "
            + $"request_p50_ms={P(o.RequestMs, 0.50)} request_p99_ms={P(o.RequestMs, 0.99)} signup_p50_ms={P(o.SignUpMs, 0.50)} signup_p99_ms={P(o.SignUpMs, 0.99)} "
            + $"errors={o.Errors} server_peak_rss_mb={(o.PeakRssMb > 0 ? o.PeakRssMb.ToString(CultureInfo.InvariantCulture) : "-")}"));
    }

    /// <summary>
    /// As the reverse proxy in front of the site would: HTTPS ended there, so every request says so
    /// (start the site with <c>App__BehindProxy=true</c>; its secure cookies need it).
    /// </summary>
    private static HttpClient Client(int concurrency)
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

    private static string Option(string[] options, string name, string fallback)
    {
        var at = Array.IndexOf(options, "--" + name);
        return at >= 0 && at + 1 < options.Length ? options[at + 1] : fallback;
    }

    /// <summary>One person's browser: its own cookies, every step fetched and posted, redirects followed.</summary>
    private sealed class Browser(HttpClient client, Uri root, List<double> times)
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public int Requests { get; private set; }

        /// <summary>Where the sign-up went wrong (the first few are printed).</summary>
        public string? Failure { get; private set; }

        public async Task<bool> SignUpAsync(string key)
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
                    Failure = $"sent to {next} instead of {path}";
                    return false; // The site sent the browser elsewhere: a validation error.
                }

                var (status, _, body) = await SendAsync(HttpMethod.Get, path, null);
                if (status != HttpStatusCode.OK)
                {
                    Failure = $"GET {path}: {(int)status}";
                    return false;
                }

                var form = Hidden(body);
                foreach (var (name, value) in fields)
                {
                    form.Add(new(name, value));
                }

                var (posted, location, _) = await SendAsync(HttpMethod.Post, path, form);
                if (posted != HttpStatusCode.Redirect && posted != HttpStatusCode.Found && posted != HttpStatusCode.SeeOther || location is null)
                {
                    Failure = $"POST {path}: {(int)posted}";
                    return false;
                }

                next = location;
            }

            if (next != "/aanmelden/verstuurd")
            {
                Failure = $"sent to {next} after the last step";
                return false;
            }

            var (done, _, _) = await SendAsync(HttpMethod.Get, next, null);
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

        /// <summary>The hidden fields of the page's main form (the one without a handler of its own), and the empty honeypot.</summary>
        private static List<KeyValuePair<string, string>> Hidden(string page)
        {
            var html = FormBlock().Matches(page).LastOrDefault(f => !f.Groups[1].Value.Contains("handler=", StringComparison.Ordinal))?.Value ?? page;
            return Fields(html);
        }

        private static List<KeyValuePair<string, string>> Fields(string html) =>
        [
            .. HiddenInput().Matches(html).Select(m => (Name: NameAttribute().Match(m.Value), Value: ValueAttribute().Match(m.Value)))
                .Where(x => x.Name.Success)
                .Select(x => new KeyValuePair<string, string>(x.Name.Groups[1].Value, WebUtility.HtmlDecode(x.Value.Success ? x.Value.Groups[1].Value : ""))),
            new("website", ""),
        ];

        private async Task<(HttpStatusCode Status, string? Location, string Body)> SendAsync(HttpMethod method, string path, List<KeyValuePair<string, string>>? form)
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
                    if (at > 0)
                    {
                        _cookies[pair[..at]] = pair[(at + 1)..];
                    }
                }
            }

            return (response.StatusCode, response.Headers.Location?.OriginalString, body);
        }
    }

    /// <summary>Samples the server's resident memory (VmRSS) every 200 ms; the peak in MB.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly Timer? _timer;
        private long _peakKb;

        public PeakMemory(int pid)
        {
            if (pid > 0)
            {
                _timer = new Timer(_ => Sample(pid), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
            }
        }

        public long PeakMb => Interlocked.Read(ref _peakKb) / 1024;

        private void Sample(int pid)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kb) && kb > Interlocked.Read(ref _peakKb))
                {
                    Interlocked.Exchange(ref _peakKb, kb);
                }
            }
            catch (IOException)
            {
                // The process has ended.
            }
        }

        public void Dispose() => _timer?.Dispose();
    }
}
