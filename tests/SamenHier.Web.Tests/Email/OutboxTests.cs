using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Email;

/// <summary>The outbox over real SMTP (an in-process server): nothing lost while SMTP is down, nothing sent twice.</summary>
public sealed class OutboxTests
{
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "5",
        ["Email:RetryBaseSeconds"] = "10",
    };

    private static async Task<int> ProcessAsync(AppFactory app)
    {
        var sent = 0;
        await app.WithScopeAsync(async sp => sent = await sp.GetRequiredService<OutboxSender>().ProcessDueAsync(CancellationToken.None));
        return sent;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task WhileSmtpIsDown_MessagesWait_AndAreDeliveredExactlyOnceWhenItIsBack(Provider provider)
    {
        var port = FreePort();
        await using var app = new AppFactory(provider, Smtp(port));
        await SignUpJourney.SubmitAsync(app.Client());

        // SMTP is down: two attempts fail, nothing is lost.
        Assert.Equal(0, await ProcessAsync(app));
        app.Time!.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(0, await ProcessAsync(app));
        var waiting = await app.WithDbAsync(db => db.OutboxMessages.ToListAsync());
        Assert.Equal(5, waiting.Count);
        Assert.All(waiting, m =>
        {
            Assert.Null(m.SentAt);
            Assert.Equal(2, m.Attempts);
            Assert.NotNull(m.LastError);
        });

        // Back-off: not retried before the next attempt is due.
        using var smtp = SimpleSmtpServer.Start(port);
        Assert.Equal(0, await ProcessAsync(app));
        Assert.Equal(0, smtp.ReceivedEmailCount);

        app.Time.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(5, await ProcessAsync(app));
        Assert.Equal(0, await ProcessAsync(app));
        app.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await ProcessAsync(app));

        Assert.Equal(5, smtp.ReceivedEmailCount);
        var recipients = smtp.ReceivedEmail.Select(m => m.ToAddresses.Single().Address).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"lid{i}@voorbeeld.nl"), recipients);
        Assert.Equal(5, smtp.ReceivedEmail.Select(m => m.Headers["Message-ID"]).Distinct().Count());
        Assert.All(await app.WithDbAsync(db => db.OutboxMessages.ToListAsync()), m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Equal("", m.TextBody); // The personal links are gone from the database once delivered.
        });
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task TwoSendersAtOnce_NeverSendAMessageTwice(Provider provider)
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var app = new AppFactory(provider, Smtp(port));
        for (var g = 0; g < 4; g++)
        {
            await SignUpJourney.SubmitAsync(app.Client(), prefix: $"g{g}-");
        }

        // Two instances on one database, each with its own DbContext, racing for the same 20 messages.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ProcessAsync(app))));

        Assert.Equal(20, results.Sum());
        Assert.Equal(20, smtp.ReceivedEmailCount);
        Assert.Equal(20, smtp.ReceivedEmail.Select(m => m.ToAddresses.Single().Address).Distinct().Count());
    }

    [Fact]
    public async Task WithoutSmtp_EachMessageIsWrittenAsAnEmlFileInTheDataFolder()
    {
        await using var app = new AppFactory();
        await SignUpJourney.SubmitAsync(app.Client());

        Assert.Equal(5, await ProcessAsync(app));
        Assert.Equal(0, await ProcessAsync(app));

        var files = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml");
        Assert.Equal(5, files.Length);
        var text = string.Join("\n", files.Select(File.ReadAllText));
        Assert.Contains("To: Lid 2 <lid2@voorbeeld.nl>", text);
        Assert.Contains("Content-Language: nl", text);
    }

    [Fact]
    public async Task TheBackgroundSender_DeliversWithoutBeingAsked()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var settings = Smtp(port);
        settings["Email:SenderEnabled"] = "true";
        settings["Email:PollIntervalSeconds"] = "0.2";
        await using var app = new AppFactory(Provider.Sqlite, settings, fakeTime: false);

        await SignUpJourney.SubmitAsync(app.Client());

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (smtp.ReceivedEmailCount < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(5, smtp.ReceivedEmailCount);
    }
}
