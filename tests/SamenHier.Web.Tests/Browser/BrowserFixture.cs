using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using MimeKit;
using netDumbster.smtp;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port with real time, its e-mail going over SMTP to an in-process server,
/// and Debian's Chromium driven by Playwright.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public AppFactory App { get; private set; } = null!;

    public SimpleSmtpServer Smtp { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>E-mail goes out over SMTP; when false it stays in the outbox, where the HTTP journeys read it.</summary>
    protected virtual bool SendsEmail => true;

    public async ValueTask InitializeAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Smtp = SimpleSmtpServer.Start(port);
        App = new AppFactory(Provider.Sqlite, new()
        {
            ["Email:SenderEnabled"] = SendsEmail ? "true" : "false",
            ["Email:PollIntervalSeconds"] = "0.2",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["App:PublicBaseUrl"] = "",
        }, fakeTime: false, kestrel: true);
        BaseAddress = App.StartKestrel();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>An HTTP client with its own cookies, against the real Kestrel port.</summary>
    public HttpClient Http() => App.Client();

    /// <summary>A phone-sized page (390 x 844, touch), in its own browser context with its own cookies.</summary>
    public async Task<IPage> PhoneAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "nl-NL",
            // The app's own self-signed certificate (AppFactory.Certificate).
            IgnoreHTTPSErrors = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>The messages received for <paramref name="address"/>, parsed as MIME.</summary>
    public IReadOnlyList<MimeMessage> MailTo(string address) =>
        [.. Smtp.ReceivedEmail
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    public async Task<IReadOnlyList<MimeMessage>> WaitForMailAsync(string address, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (MailTo(address).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return MailTo(address);
    }

    private static readonly string AxeScript = new Deque.AxeCore.Commons.BundledAxeScriptProvider().GetScript();

    /// <summary>
    /// Runs axe-core (every rule of its default set) on the page and fails with the violations listed
    /// when there are any. axe is injected once per document and run in place: the pages have no
    /// frames, so the frame-by-frame run of the Playwright integration (a blank page opened for every
    /// check) only cost time.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeScript);
        }

        var violations = await page.EvaluateAsync<string[]>("""
            async () => {
                const result = await axe.run(document, { resultTypes: ['violations'] });
                return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.slice(0, 3).map(n => n.html).join(' | ')}`);
            }
            """);
        Assert.True(violations.Length == 0, $"on {page.Url}:\n" + string.Join("\n", violations));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
        Smtp.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same, with e-mail kept in the outbox: for tests that arrange their data with the HTTP journeys.</summary>
public sealed class OutboxBrowserFixture : BrowserFixture
{
    protected override bool SendsEmail => false;
}
