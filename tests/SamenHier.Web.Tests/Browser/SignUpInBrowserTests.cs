using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SamenHier.Web.Tests.Browser;

/// <summary>
/// A visitor on a phone signs up a group of five in Chromium, the five e-mails arrive over SMTP, every
/// member confirms through their own link, and the status page shows the group complete. axe checks
/// every page on the way.
/// </summary>
public sealed partial class SignUpInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record Texts(
        string SignUpLink, string Start, string Continue, string Name, string Email, string Phone, string Postcode,
        string DateOfBirth, string Language1, string Level1, string Weekend, string SaveMember, string Send,
        string Sent, string Confirm, string Confirmed, string Complete, string GroupName, string Motivation);

    private static readonly Texts Dutch = new(
        "Meld je groep aan", "Start de aanmelding", "Verder", "Naam", "E-mailadres", "Telefoonnummer", "Postcode",
        "Geboortedatum", "Taal 1", "Niveau taal 1", "In het weekend", "Opslaan en verder", "Aanmelding versturen",
        "Jullie aanmelding is verstuurd", "Ik doe mee", "Bedankt, je doet mee!", "Compleet", "Naam van de groep (optioneel)",
        "Waarom willen jullie meedoen?");

    private static readonly Texts English = new(
        "Sign up your group", "Start the sign-up", "Continue", "Name", "E-mail address", "Phone number", "Postcode",
        "Date of birth", "Language 1", "Level of language 1", "Weekends", "Save and continue", "Send sign-up",
        "Your sign-up has been sent", "I take part", "Thank you, you are taking part!", "Complete", "Group name (optional)",
        "Why do you want to take part?");

    [GeneratedRegex(@"https?://[^\s]+/aanmelden/bevestigen\?code=[A-Za-z0-9_-]{43}")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https?://[^\s]+/aanmelden/status\?code=[A-Za-z0-9_-]{43}")]
    private static partial Regex StatusLink();

    [Fact]
    public Task SignUp_OnAPhone_InDutch_FiveMembersConfirm_AndTheGroupIsComplete() =>
        SignUpAndConfirmAsync(Dutch, english: false, prefix: "nl");

    [Fact]
    public Task SignUp_OnAPhone_InEnglish_FiveMembersConfirm_AndTheGroupIsComplete() =>
        SignUpAndConfirmAsync(English, english: true, prefix: "en");

    private async Task SignUpAndConfirmAsync(Texts t, bool english, string prefix)
    {
        var page = await browser.PhoneAsync();
        await page.GotoAsync("/");
        await BrowserFixture.AssertAccessibleAsync(page);
        if (english)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        }

        await page.GetByRole(AriaRole.Link, new() { Name = t.SignUpLink }).First.ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = t.Start }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel("Den Haag").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = t.Continue }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel(english ? "Welcome group" : "Welkomgroep").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = t.Continue }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByLabel(t.GroupName).FillAsync("De Buren");
        await page.GetByLabel(t.Motivation).FillAsync("Wij willen onze straat openstellen.");
        await page.GetByRole(AriaRole.Button, new() { Name = t.Continue }).ClickAsync();

        for (var i = 1; i <= 5; i++)
        {
            if (i == 1)
            {
                await BrowserFixture.AssertAccessibleAsync(page);
            }

            await FillMemberAsync(page, t, i, $"{prefix}{i}@voorbeeld.nl", "2511 AB");
            await page.GetByRole(AriaRole.Button, new() { Name = t.SaveMember }).ClickAsync();
        }

        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = t.Continue }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = t.Continue }).ClickAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = t.Send }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(t.Sent);
        await BrowserFixture.AssertAccessibleAsync(page);

        // Five e-mails arrive, one per member, each with a personal link.
        var links = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            var mail = Assert.Single(await browser.WaitForMailAsync($"{prefix}{i}@voorbeeld.nl"));
            Assert.StartsWith(english ? "Confirm that you take part" : "Bevestig je deelname", mail.Subject);
            links.Add(ConfirmLink().Match(mail.TextBody ?? "").Value);
        }

        var status = StatusLink().Match(browser.MailTo($"{prefix}1@voorbeeld.nl").Single().TextBody ?? "").Value;
        Assert.NotEmpty(status);

        // Each member confirms on their own phone.
        for (var i = 0; i < 5; i++)
        {
            var member = await browser.PhoneAsync();
            if (english)
            {
                await member.GotoAsync("/taal/en");
            }

            await member.GotoAsync(links[i]);
            if (i == 0)
            {
                await BrowserFixture.AssertAccessibleAsync(member);
            }

            Assert.Equal("2511 AB", await member.GetByLabel(t.Postcode, new() { Exact = true }).InputValueAsync());
            await member.GetByRole(AriaRole.Checkbox, new() { Name = english ? "I have read the privacy statement" : "Ik heb de privacyverklaring" }).CheckAsync();
            await member.GetByRole(AriaRole.Button, new() { Name = t.Confirm }).ClickAsync();
            await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(t.Confirmed);
            if (i == 0)
            {
                await BrowserFixture.AssertAccessibleAsync(member);
            }

            await member.Context.CloseAsync();
        }

        await page.GotoAsync(status);
        await Assertions.Expect(page.Locator("#group-status")).ToContainTextAsync(t.Complete);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignUp_WithABadPostcodeAndOnlyFourMembers_ShowsTheErrorSummaryAndKeepsEveryValue()
    {
        var page = await browser.PhoneAsync();
        await page.GotoAsync("/aanmelden/stad");
        await page.GetByLabel("Rotterdam").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await page.GetByLabel("Sponsorgroep").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await page.GetByLabel(Dutch.Motivation).FillAsync("Omdat het kan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();

        // Member 1 with a postcode that is not Dutch.
        await FillMemberAsync(page, Dutch, 1, "fout1@voorbeeld.nl", "ABC 123");
        await page.GetByRole(AriaRole.Button, new() { Name = Dutch.SaveMember }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Er is een probleem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Vul een postcode in zoals 2511 AB."]);
        Assert.StartsWith("Fout:", await page.TitleAsync());
        Assert.Equal("Lid 1", await page.GetByLabel("Naam", new() { Exact = true }).InputValueAsync());
        Assert.Equal("fout1@voorbeeld.nl", await page.GetByLabel("E-mailadres").InputValueAsync());
        Assert.Equal("06 1234 5671", await page.GetByLabel("Telefoonnummer").InputValueAsync());
        Assert.Equal("ABC 123", await page.GetByLabel("Postcode", new() { Exact = true }).InputValueAsync());
        Assert.Equal("1985-04-12", await page.GetByLabel("Geboortedatum").InputValueAsync());
        Assert.Equal("nl", await page.GetByLabel("Taal 1", new() { Exact = true }).InputValueAsync());
        Assert.True(await page.GetByLabel("In het weekend").IsCheckedAsync());
        Assert.Equal("true", await page.GetByLabel("Postcode", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
        await BrowserFixture.AssertAccessibleAsync(page);

        // The summary's link takes keyboard focus to the field.
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.Equal("Input_Postcode", await page.EvaluateAsync<string>("document.activeElement.id"));

        await page.GetByLabel("Postcode", new() { Exact = true }).FillAsync("3011 AB");
        await page.GetByRole(AriaRole.Button, new() { Name = Dutch.SaveMember }).ClickAsync();
        for (var i = 2; i <= 4; i++)
        {
            await FillMemberAsync(page, Dutch, i, $"fout{i}@voorbeeld.nl", "3011 AB");
            await page.GetByRole(AriaRole.Button, new() { Name = Dutch.SaveMember }).ClickAsync();
        }

        // Only four members: go to the overview and try to go on.
        await page.GotoAsync("/aanmelden/leden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verder" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link))
            .ToHaveTextAsync(["Een groep heeft minstens 5 leden. Je hebt er nu 4 toegevoegd."]);
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "fout4@voorbeeld.nl" })).ToHaveCountAsync(1);
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheAxeCheck_FailsOnAPageWithViolations_AndNamesThem()
    {
        var page = await browser.PhoneAsync();
        await page.GotoAsync("/");
        await BrowserFixture.AssertAccessibleAsync(page);
        // The same document made worse: an image without a text alternative and a nameless field.
        await page.EvaluateAsync("() => { const main = document.querySelector('main'); main.insertAdjacentHTML('beforeend', '<img src=\"/favicon.ico\"><input type=\"text\">'); }");
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => BrowserFixture.AssertAccessibleAsync(page));
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PublicPages_PassAxe_AtPhoneWidth_AndAreUsableByKeyboard()
    {
        var page = await browser.PhoneAsync();
        await page.SetViewportSizeAsync(320, 640);
        foreach (var path in new[] { "/", "/hoe-het-werkt", "/steden", "/contact", "/privacy", "/doneren", "/helpen", "/helpen/starten", "/verhalen", "/bestaat-niet" })
        {
            await page.GotoAsync(path);
            await BrowserFixture.AssertAccessibleAsync(page);
            // Nothing wider than the screen at 320 px (WCAG 1.4.10 reflow).
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(overflow, $"{path} scrolls sideways at 320 px");
        }

        // Keyboard: the first Tab reaches the skip link, which moves to the main content.
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Naar de inhoud", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("inhoud", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    private static async Task FillMemberAsync(IPage page, Texts t, int i, string email, string postcode)
    {
        await page.GetByLabel(t.Name, new() { Exact = true }).FillAsync($"Lid {i}");
        await page.GetByLabel(t.Email, new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(t.Phone, new() { Exact = true }).FillAsync($"06 1234 567{i}");
        await page.GetByLabel(t.Postcode, new() { Exact = true }).FillAsync(postcode);
        await page.GetByLabel(t.DateOfBirth, new() { Exact = true }).FillAsync("1985-04-12");
        await page.GetByLabel(t.Language1, new() { Exact = true }).SelectOptionAsync("nl");
        await page.GetByLabel(t.Level1, new() { Exact = true }).SelectOptionAsync("native");
        await page.GetByLabel(t.Weekend).CheckAsync();
    }
}
