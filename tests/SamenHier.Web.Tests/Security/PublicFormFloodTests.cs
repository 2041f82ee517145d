using System.Net;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Security;

/// <summary>
/// Every public form that stores something or sends mail answers 429 once one address has used up its
/// posts for the window (RateLimits:PublicPostsPerWindow), and keeps nothing of the post it refused.
/// </summary>
public sealed class PublicFormFloodTests
{
    public static TheoryData<string, string> Forms => new()
    {
        { "/contact", "contact" },
        { "/helpen/aanbieden", "offer" },
        { "/helpen/nalaten", "legacy" },
        { "/helpen/starten", "town" },
        { "/doneren", "donate" },
    };

    private static (string, string)[] Fields(string form, int n) => form switch
    {
        "contact" => [("Input.Name", "Eva Rood"), ("Input.Email", $"eva{n}@voorbeeld.nl"), ("Input.Subject", "Vraag"), ("Input.Message", "Mag ik iets vragen?")],
        "offer" => [("Input.Offer", "Advice"), ("Input.City", "haarlem"), ("Input.Name", "Harm"), ("Input.Email", $"harm{n}@voorbeeld.nl"), ("Input.Message", "Ik ben jurist.")],
        "legacy" => [("Input.Name", "Els Erflater"), ("Input.Email", $"els{n}@voorbeeld.nl")],
        "town" => [("Input.Town", "Zwolle"), ("Input.Requester", "Resident"), ("Input.Name", "Zeno"), ("Input.Email", $"zeno{n}@voorbeeld.nl"), ("Input.Message", "Wij willen graag beginnen.")],
        _ => [("Input.Amount", "25"), ("Input.Frequency", "Monthly"), ("Input.Name", "Gerda Gever"), ("Input.Email", $"gever{n}@voorbeeld.nl"),
            ("Input.AccountHolder", "G. Gever"), ("Input.Iban", "NL91ABNA0417164300"), ("Input.Mandate", "yes")],
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task APublicForm_PostedTooOftenFromOneAddress_Answers429_AndKeepsNothingOfIt(string path, string form)
    {
        await using var app = new AppFactory(settings: new() { ["RateLimits:PublicPostsPerWindow"] = "2" });
        var statuses = new List<HttpStatusCode>();
        Page? last = null;
        for (var n = 1; n <= 3; n++)
        {
            var client = app.Client();
            last = await (await Page.GetAsync(client, path)).SubmitAsync(client, Fields(form, n));
            statuses.Add(last.Status);
            Assert.Empty(last.Errors);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("Te veel pogingen", last!.Text, StringComparison.Ordinal);
        var kept = form == "donate"
            ? await app.WithDbAsync(db => db.Donations.CountAsync())
            : await app.WithDbAsync(db => db.Enquiries.CountAsync());
        Assert.Equal(2, kept);
        if (form == "donate")
        {
            // The two gifts kept were mailed to their donors; the refused one was not.
            Assert.Equal(["gever1@voorbeeld.nl", "gever2@voorbeeld.nl"], await app.WithDbAsync(db => db.OutboxMessages.Select(m => m.ToAddress).Distinct().OrderBy(a => a).ToListAsync()));
        }
    }
}
