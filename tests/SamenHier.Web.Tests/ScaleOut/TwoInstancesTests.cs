using System.Net;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;
using SamenHier.Web.Tests.Email;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.ScaleOut;

/// <summary>
/// Two instances of the site, each on its own loopback port (real Kestrel, HTTPS), over one PostgreSQL
/// database, behind a load balancer without sticky sessions: every request of a browser goes to the
/// other instance than its last one. They behave as one site.
/// </summary>
public sealed class TwoInstancesTests
{
    /// <summary>Sends each request to the next instance in turn (redirects are followed by the same one).</summary>
    private sealed class RoundRobin(Uri[] instances, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _next = -1;

        public int[] Served { get; } = new int[instances.Length];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)instances.Length);
            Interlocked.Increment(ref Served[index]);
            request.RequestUri = new UriBuilder(request.RequestUri!) { Port = instances[index].Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static HttpClient Balanced(Uri[] instances, out RoundRobin balancer)
    {
        var thumbprint = AppFactory.Certificate.Value.Thumbprint;
        balancer = new RoundRobin(instances, new HttpClientHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        });
        return new HttpClient(balancer) { BaseAddress = instances[0] };
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task InstancesStartingAtTheSameMoment_OnADatabaseNoneHasPrepared_AllStart(Provider provider)
    {
        // A deployment starts every instance at once: each checks the roles, cities, training modules
        // and questionnaires at start-up, and none may trip over another adding the same.
        await using var first = new AppFactory(provider);
        await using var second = new AppFactory(first);
        await using var third = new AppFactory(first);
        AppFactory[] instances = [first, second, third];
        await Task.WhenAll(instances.Select(i => Task.Run(() => i.Services)));

        foreach (var instance in instances)
        {
            Assert.Equal(HttpStatusCode.OK, (await instance.Client().GetAsync("/health")).StatusCode);
        }

        var roles = await first.WithDbAsync(db => db.Roles.Select(r => r.Name).ToListAsync());
        Assert.NotEmpty(roles);
        Assert.Equal(roles.Count, roles.Distinct().Count());
        var cities = await first.WithDbAsync(db => db.Cities.Select(c => c.Slug).ToListAsync());
        Assert.Equal(cities.Count, cities.Distinct().Count());
    }

    [Fact]
    public async Task TwoInstancesOnOnePostgres_ServeAsOneSite()
    {
        var port = OutboxTests.FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var settings = OutboxTests.Smtp(port);
        settings["Email:SenderEnabled"] = "true";
        settings["Email:PollIntervalSeconds"] = "0.2";
        await using var first = new AppFactory(Provider.Postgres, settings, fakeTime: false, kestrel: true);
        await using var second = new AppFactory(first, settings, kestrel: true);
        Uri[] instances = [first.StartKestrel(), second.StartKestrel()];
        Assert.NotEqual(instances[0].Port, instances[1].Port);

        // Sign-ups, every step on the other instance than the one before (the draft, its cookie and
        // the forms' antiforgery tokens all cross over), eight browsers at once.
        var balancers = new List<RoundRobin>();
        var signUps = Enumerable.Range(1, 8).Select(async n =>
        {
            using var browser = Balanced(instances, out var balancer);
            lock (balancers)
            {
                balancers.Add(balancer);
            }

            await SignUpJourney.SubmitAsync(browser, prefix: $"b{n}-");
        });
        await Task.WhenAll(signUps);
        Assert.All(balancers, b => Assert.All(b.Served, served => Assert.True(served >= 5)));

        // The same finished form posted to both instances at the same moment makes one group.
        var cookies = new CookieContainer();
        using var onFirst = first.Client(cookies);
        using var onSecond = second.Client(cookies);
        var check = await SignUpJourney.ToCheckPageAsync(onFirst, prefix: "twice-");
        var both = await Task.WhenAll(check.SubmitAsync(onFirst), check.SubmitAsync(onSecond));
        Assert.All(both, sent => Assert.EndsWith("/aanmelden/verstuurd", sent.Path));

        var members = await first.WithDbAsync(db => db.GroupMembers.Select(m => m.Email).ToListAsync());
        Assert.Equal(45, members.Count);
        Assert.Equal(45, members.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(9, await second.WithDbAsync(db => db.Groups.CountAsync()));
        Assert.Equal(5, members.Count(m => m.StartsWith("twice-", StringComparison.Ordinal)));

        // A staff sign-in made through both instances holds on both; signing out on one ends the
        // account's other session, kept by the first instance, too.
        var (laptop, key) = await StaffJourney.CreateAdminAsync(first);
        using var staff = Balanced(instances, out var staffBalancer);
        Assert.EndsWith("/beheer", (await StaffJourney.SignInAsync(staff, "admin@samenhier.nl", StaffJourney.Password, key)).Path);
        for (var i = 0; i < 4; i++)
        {
            var groups = await Page.GetAsync(staff, "/beheer/groepen");
            Assert.Equal("/beheer/groepen", groups.Path);
            Assert.Contains("De Buren", groups.Text, StringComparison.Ordinal);
        }

        Assert.All(staffBalancer.Served, served => Assert.True(served >= 3));
        Assert.Equal("/beheer", (await Page.GetAsync(laptop, "/beheer")).Path);
        var home = await Page.GetAsync(staff, "/beheer");
        await home.SubmitAsync(staff, [], actionContains: "/beheer/uitloggen");
        Assert.StartsWith("/beheer/inloggen", (await Page.GetAsync(laptop, "/beheer")).Path);
        Assert.StartsWith("/beheer/inloggen", (await Page.GetAsync(second.Client(), "/beheer")).Path);

        // Both instances send from the one outbox; every message reaches the SMTP server once.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await first.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.SentAt == null)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a second delivery of anything, were there one
        var queued = await first.WithDbAsync(db => db.OutboxMessages.Select(m => new { m.Id, m.SentAt }).ToListAsync());
        Assert.All(queued, m => Assert.NotNull(m.SentAt));
        Assert.True(queued.Count >= 45, $"only {queued.Count} messages queued");
        var received = smtp.ReceivedEmail.Select(m => m.Headers["Message-ID"]).ToList();
        Assert.Equal(queued.Count, received.Count);
        Assert.Equal(queued.Select(m => $"<{m.Id:N}@samenhier>").Order(), received.Order());

        // No request failed on either instance: nothing unhandled, no error of the site's own. (EF logs
        // the refused duplicate insert of the form posted twice, when the two posts overlap, as an error
        // of its own; what the site answered each post is asserted above.)
        var failures = first.Logs.Lines.Concat(second.Logs.Lines)
            .Where(l => (l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))
                && !l.StartsWith("Error Microsoft.EntityFrameworkCore.", StringComparison.Ordinal))
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
