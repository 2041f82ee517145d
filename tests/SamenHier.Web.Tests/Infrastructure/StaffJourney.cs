namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>Staff accounts over HTTP: from a set-password link to a signed-in back office.</summary>
public static class StaffJourney
{
    public const string Password = "een lange zin als wachtwoord";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastStep = new();

    /// <summary>
    /// A code the app will accept next for this authenticator key: the app checks codes against the
    /// real clock, allows two 30-second steps of drift, and takes each step's code once. So each call
    /// gives the next unused step from now on (waiting for the clock when two steps ahead are used).
    /// </summary>
    public static string NextCode(string key)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            var last = LastStep.GetOrAdd(key, long.MinValue);
            var step = Math.Max(now, last + 1);
            if (step > now + 1)
            {
                Thread.Sleep(1000);
                continue;
            }

            if (LastStep.TryUpdate(key, step, last))
            {
                return Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
            }
        }
    }

    /// <summary>Follows a set-password link: password, authenticator, recovery codes. Returns the key and the last page.</summary>
    public static async Task<(string Key, Page Done)> SetUpAsync(HttpClient client, string link)
    {
        var form = await Page.GetAsync(client, link);
        var authenticator = await form.SubmitAsync(client, ("Password", Password), ("Repeat", Password));
        Assert.EndsWith("/beheer/authenticator", authenticator.Path);
        var key = authenticator.Document.QuerySelector("#authenticator-key")!.TextContent;
        var done = await authenticator.SubmitAsync(client, ("Code", NextCode(key)));
        return (key, done);
    }

    public static async Task<(HttpClient Client, string Key)> CreateAdminAsync(AppFactory app, string email = "admin@samenhier.nl")
    {
        var (_, link) = await SamenHier.Web.Commands.CreateAdminAsync(app.Services, email, "Beheerder", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var client = app.Client();
        var (key, done) = await SetUpAsync(client, new Uri(link).PathAndQuery);
        Assert.Equal(10, done.Document.QuerySelectorAll(".sh-recovery-codes li").Length);
        return (client, key);
    }

    public static async Task<Page> SignInAsync(HttpClient client, string email, string password, string? key)
    {
        var form = await Page.GetAsync(client, "/beheer/inloggen");
        var next = await form.SubmitAsync(client, ("Email", email), ("Password", password));
        if (key is null || !next.Path.StartsWith("/beheer/inloggen/code", StringComparison.Ordinal))
        {
            return next;
        }

        return await next.SubmitAsync(client, ("Code", NextCode(key)));
    }


    /// <summary>The national staff member invites someone; they follow the e-mailed link. Returns their signed-in client.</summary>
    public static async Task<HttpClient> InviteAsync(AppFactory app, HttpClient admin, string email, string role, params string[] citySlugs) =>
        (await InviteWithKeyAsync(app, admin, email, role, citySlugs)).Client;

    /// <summary>As <see cref="InviteAsync"/>, with the key of their authenticator app (to sign in again, e.g. in a browser).</summary>
    public static async Task<(HttpClient Client, string Key)> InviteWithKeyAsync(AppFactory app, HttpClient admin, string email, string role, params string[] citySlugs)
    {
        var ids = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Cities.Where(c => citySlugs.Contains(c.Slug)).Select(c => c.Id)));
        var staff = await Page.GetAsync(admin, "/beheer/medewerkers");
        var fields = new List<(string, string)> { ("Input.Name", email.Split('@')[0]), ("Input.Email", email), ("Input.Role", role), ("Input.Language", "nl") };
        fields.AddRange(ids.Select(id => ("Input.Cities", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var done = await staff.SubmitAsync(admin, [.. fields]);
        Assert.Empty(done.Errors);
        var mail = (await SignUpJourney.MailToAsync(app, email)).Last(m => m.TextBody.Contains("/beheer/wachtwoord", StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"https?://[^/\s]+(/beheer/wachtwoord\?[^\s]+)").Groups[1].Value;
        var client = app.Client();
        var (key, _) = await SetUpAsync(client, link);
        return (client, key);
    }

    /// <summary>A sign-up whose five members have all confirmed.</summary>
    public static async Task<Guid> CompleteGroupAsync(AppFactory app, string prefix, string city = "den-haag", string type = "Welcome", string? groupName = null)
    {
        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client, city: city, type: type, prefix: prefix,
            member: i => SignUpJourney.Member(i, email: $"{prefix}{i}@voorbeeld.nl", name: $"{prefix} lid {i}"));
        if (groupName is not null)
        {
            var details = await Page.GetAsync(client, "/aanmelden/groep?terug=controleren");
            check = await details.SubmitAsync(client, ("GroupName", groupName), ("Motivation", "Omdat het kan."));
        }

        await check.SubmitAsync(client);
        for (var i = 1; i <= 5; i++)
        {
            await SignUpJourney.ConfirmAsync(app.Client(), await SignUpJourney.ConfirmLinkAsync(app, $"{prefix}{i}@voorbeeld.nl"));
        }

        return await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.GroupMembers.Where(m => m.Email == $"{prefix}1@voorbeeld.nl").Select(m => m.GroupId)));
    }

    /// <summary>Sets a community builder's capacity on their page, then puts them at the group's side on the group's page.</summary>
    public static async Task AssignBuilderAsync(HttpClient coordinator, Guid group, Guid builder, int capacity = 2, string languages = "ar")
    {
        var profile = await Page.GetAsync(coordinator, $"/beheer/community-bouwers/{builder}");
        var saved = await profile.SubmitAsync(coordinator, ("Input.Capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.Languages", languages));
        Assert.Empty(saved.Errors);
        var detail = await Page.GetAsync(coordinator, $"/beheer/groepen/{group}");
        var assigned = await detail.SubmitAsync(coordinator, [new("Builder", builder.ToString())], "handler=Builder");
        Assert.Empty(assigned.Errors);
    }

    /// <summary>Posts one of the coordinator's actions on the group page.</summary>
    public static async Task<Page> ActAsync(HttpClient client, Guid group, string handler, params (string, string)[] fields)
    {
        var page = await Page.GetAsync(client, $"/beheer/groepen/{group}");
        return await page.SubmitAsync(client, fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), actionContains: $"handler={handler}");
    }

    /// <summary>On the group's year page: starts the plan from the template (when it has none) and approves it.</summary>
    public static async Task<Page> ApprovePlanAsync(HttpClient coordinator, Guid group)
    {
        var year = await Page.GetAsync(coordinator, $"/beheer/groepen/{group}/jaar");
        if (year.Document.QuerySelector("form[action*='handler=StartPlan']") is not null)
        {
            year = await year.SubmitAsync(coordinator, [], actionContains: "handler=StartPlan");
            Assert.Empty(year.Errors);
        }

        var approved = await year.SubmitAsync(coordinator, [], actionContains: "handler=Approve");
        Assert.Empty(approved.Errors);
        return approved;
    }

    /// <summary>Intake, what the group offers, every VOG cleared (today), trainings, plan and ready to match, through the group page.</summary>
    public static async Task MakeReadyAsync(AppFactory app, HttpClient coordinator, Guid group, int maxHouseholdSize = 6, params string[] accessibility)
    {
        var today = TimeZoneInfo.ConvertTime(app.Time?.GetUtcNow() ?? DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"))
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ActAsync(coordinator, group, "Intake", ("Date", today));
        var offer = await ActAsync(coordinator, group, "Offer",
            [("MaxHouseholdSize", maxHouseholdSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. accessibility.Select(a => ("Accessibility", a))]);
        Assert.Empty(offer.Errors);
        var members = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.GroupMembers.Where(m => m.GroupId == group).Select(m => m.Id)));
        foreach (var member in members)
        {
            await ActAsync(coordinator, group, "Vog", ("Member", member.ToString()), ("Outcome", "Cleared"), ("VogDate", today));
        }

        await TrainingJourney.AttendAllAsync(app, coordinator, group);
        await ApprovePlanAsync(coordinator, group);
        var ready = await ActAsync(coordinator, group, "Ready");
        Assert.Empty(ready.Errors);
    }
}
