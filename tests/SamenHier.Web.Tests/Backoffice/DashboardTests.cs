using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Backoffice;

public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_CountsPerCity_AndNamesTheGroupsThatNeedAttention()
    {
        await using var app = new AppFactory();
        await StaffJourney.CompleteGroupAsync(app, "stil", groupName: "Stille Groep");
        app.Time!.Advance(TimeSpan.FromDays(61));
        var client = app.Client();
        var check = await SignUpJourney.ToCheckPageAsync(client, prefix: "bijna");
        await check.SubmitAsync(client);
        app.Time.Advance(TimeSpan.FromDays(12));
        var (admin, _) = await StaffJourney.CreateAdminAsync(app);

        var home = await Page.GetAsync(admin, "/beheer");

        var denHaag = home.Document.QuerySelectorAll("#per-city tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Den Haag");
        Assert.Equal(["1", "1", "0", "0"], denHaag.QuerySelectorAll("td").Select(td => td.TextContent));
        var attention = home.Document.QuerySelectorAll("#attention li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, attention.Count);
        Assert.Contains(attention, a => a.StartsWith("Stille Groep (Den Haag): langer dan 60 dagen in voorbereiding", StringComparison.Ordinal));
        Assert.Contains(attention, a => a.StartsWith("De Buren (Den Haag): de aanmelding verloopt binnen 3 dagen", StringComparison.Ordinal));
    }
}
