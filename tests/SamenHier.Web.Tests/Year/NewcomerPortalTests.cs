using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Year;

/// <summary>The newcomer's portal: their group, their tasks, the diary, and a concern only staff see.</summary>
public sealed partial class NewcomerPortalTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Newcomer_RaisesAConfidentialConcern_ThatNoGroupMemberCanSee(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var m = await YearJourney.MatchedAsync(app, householdEmail: "haddad@voorbeeld.nl");
        var newcomer = await MemberJourney.SignInAsync(app, "haddad@voorbeeld.nl", "/nieuwkomer");
        await newcomer.GetAsync("/taal/nl");

        // Their group (first names only), their community builder, and the tasks that involve them.
        var home = await Page.GetAsync(newcomer, "/nieuwkomer");
        Assert.Equal("Buren Regentesse", home.Document.QuerySelector("#group-name")!.TextContent);
        Assert.DoesNotContain("@voorbeeld.nl", home.Html);
        Assert.Contains("bouwer", home.Document.QuerySelector("#builder")!.TextContent);
        var involving = await app.WithDbAsync(db => db.PlanTasks.CountAsync(x => x.GroupId == m.Group && x.InvolvesNewcomer));
        Assert.True(involving > 0);
        Assert.Equal(involving, home.Document.QuerySelectorAll("#newcomer-tasks li").Length);

        // "I need help": an empty message is refused; the concern goes to the builder and the coordinator only.
        var help = await Page.GetAsync(newcomer, "/nieuwkomer/hulp");
        var empty = await help.SubmitAsync(newcomer);
        Assert.Equal(["Schrijf waar u hulp bij nodig heeft."], empty.Errors);
        const string concern = "Mijn man wordt boos als de groep komt; ik durf het niet te zeggen.";
        var sent = await empty.SubmitAsync(newcomer, ("Message", concern));
        Assert.Equal("/nieuwkomer?melding=hulp", sent.Path);
        var signal = await app.WithDbAsync(db => db.Signals.SingleAsync());
        Assert.Equal(SignalKind.NewcomerConcern, signal.Kind);
        Assert.Equal(m.Group, signal.GroupId);
        Assert.Equal(new DateOnly(2026, 12, 2), signal.FollowUpBy);
        var builderMail = (await SignUpJourney.MailToAsync(app, "bouwer@samenhier.nl")).Last();
        Assert.Equal("Een nieuwkomer vraagt om hulp", builderMail.Subject);
        Assert.DoesNotContain("boos", builderMail.TextBody);
        Assert.Contains(concern, (await Page.GetAsync(m.Builder, "/beheer/signalen")).Text);
        Assert.Contains(concern, (await Page.GetAsync(m.Coordinator, "/beheer/signalen")).Text);
        Assert.Contains("Hulpvraag van de nieuwkomer (vertrouwelijk)", (await Page.GetAsync(m.Coordinator, $"/beheer/groepen/{m.Group}/jaar")).Document.QuerySelector("#signals-summary")!.TextContent);

        // No member of the group sees it, on any page a member can open, nor in any e-mail to them.
        var members = await app.WithDbAsync(db => db.GroupMembers.Where(x => x.GroupId == m.Group).Select(x => x.Email).ToListAsync());
        foreach (var email in members)
        {
            var member = await MemberJourney.SignInAsync(app, email);
            foreach (var path in MemberPages(await app.WithDbAsync(db => db.PlanTasks.Where(x => x.GroupId == m.Group).Select(x => x.Id).ToListAsync())))
            {
                var response = await member.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("boos", body);
                Assert.DoesNotContain("vraagt om hulp", body);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/beheer/signalen")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/beheer/groepen/{m.Group}/jaar")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/nieuwkomer")).StatusCode);
            Assert.All(await SignUpJourney.MailToAsync(app, email), mail => Assert.DoesNotContain("boos", mail.TextBody));
        }
    }

    [Fact]
    public async Task Newcomer_WritesInTheDiary_AndTheGroupReadsIt()
    {
        await using var app = new AppFactory();
        var m = await YearJourney.MatchedAsync(app, householdEmail: "haddad@voorbeeld.nl");
        var newcomer = await MemberJourney.SignInAsync(app, "haddad@voorbeeld.nl", "/nieuwkomer");
        var members = await YearJourney.MembersAsync(app, m.Group);

        // In Arabic: the form speaks it, and bad input is told in it, keeping what was typed.
        var form = await Page.GetAsync(newcomer, "/nieuwkomer/dagboek");
        Assert.Equal("rtl", form.Document.DocumentElement.GetAttribute("dir"));
        var bad = await form.SubmitAsync(newcomer, ("Kind", "Outing"), ("Hours", "veel"), ("Note", "ذهبنا إلى السوق"));
        Assert.Equal(["أدخل عدد الساعات، مثلًا 1.5 (بين ربع ساعة و24 ساعة)."], bad.Errors);
        Assert.Equal("veel", bad.Value("Hours"));
        var saved = await bad.SubmitAsync(newcomer, ("Hours", "2"), ("Participants", members[0].ToString()));
        Assert.Equal("/nieuwkomer?melding=opgeslagen", saved.Path);

        var entry = await app.WithDbAsync(db => db.DiaryEntries.SingleAsync());
        Assert.True(entry.ByNewcomer);
        Assert.Equal("Familie Haddad", entry.ByName);
        var member = await MemberJourney.SignInAsync(app, "dh1@voorbeeld.nl");
        var diary = await Page.GetAsync(member, "/mijn-groep/dagboek");
        Assert.Contains("ذهبنا إلى السوق", diary.Document.QuerySelector("#diary-list")!.TextContent);
        Assert.Contains("met de nieuwkomer", diary.Document.QuerySelector("#diary-list")!.TextContent);
    }

    [Fact]
    public void EveryNewcomerLanguage_HasTheSameKeys_AndTheSamePlaceholders()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "SamenHier.slnx")))
        {
            root = root.Parent!;
        }

        var folder = Path.Combine(root.FullName, "src", "SamenHier.Web", "Resources");
        Dictionary<string, string> Read(string suffix) =>
            Entry().Matches(File.ReadAllText(Path.Combine(folder, $"SharedResource{suffix}.resx")))
                .ToDictionary(x => x.Groups[1].Value, x => x.Groups[2].Value);
        var dutch = Read("");
        var arabic = Read(".ar");
        Assert.True(arabic.Count > 100);
        foreach (var language in new[] { "ar", "ti", "fa", "uk", "so" })
        {
            var texts = Read("." + language);
            Assert.Equal(arabic.Keys.Order(), texts.Keys.Order());
            foreach (var (key, text) in texts)
            {
                Assert.True(dutch.ContainsKey(key), $"{language}: {key} is not in the Dutch resources");
                Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: {key} is empty");
                Assert.True(Placeholders(dutch[key]).SequenceEqual(Placeholders(text)), $"{language}: {key} has other placeholders than the Dutch text");
            }
        }

        // What a newcomer's pages show is translated: the portal's own texts are all there.
        Assert.All(dutch.Keys.Where(k => k.StartsWith("Newcomer_", StringComparison.Ordinal) || k.StartsWith("MyDetails_", StringComparison.Ordinal) || k.StartsWith("DiaryKind_", StringComparison.Ordinal)),
            key => Assert.True(arabic.ContainsKey(key), $"{key} is not translated"));
    }

    private static IEnumerable<string> MemberPages(IEnumerable<Guid> tasks) =>
        ["/mijn-groep", "/mijn-groep/plan", "/mijn-groep/plan?toon=mijn", "/mijn-groep/dagboek", "/mijn-groep/kennisbank", "/mijn-groep/plan/doelen", "/mijn-gegevens", .. tasks.Select(t => $"/mijn-groep/plan/taak/{t}")];

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(x => x.Value).Order();

    [GeneratedRegex("""  <data name="([^"]+)" xml:space="preserve">\s*<value>(.*?)</value>""", RegexOptions.Singleline)]
    private static partial Regex Entry();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
