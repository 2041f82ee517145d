using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Donations;

/// <summary>
/// Giving money: once or every month, quarter or year, for the programme or one city, by SEPA
/// direct debit under a mandate signed on this form. The donor gets the mandate by e-mail with a
/// link to change or stop the donation.
/// </summary>
[AllowAnonymous]
public sealed class DonateModel(
    AppDbContext db,
    EmailOutbox outbox,
    SubmissionRateLimiter limiter,
    FormTiming timing,
    IConfiguration configuration,
    TimeProvider time,
    PublicLinks links,
    IOptions<DonationOptions> options,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class DonateInput
    {
        public string? Amount { get; set; }

        public string? OtherAmount { get; set; }

        public string? Frequency { get; set; }

        public string? City { get; set; }

        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? AccountHolder { get; set; }

        public string? Iban { get; set; }

        public List<string> Mandate { get; set; } = [];
    }

    /// <summary>The amounts offered as buttons, in euros; "other" opens a field.</summary>
    public static readonly int[] SuggestedEuros = [10, 25, 50];

    [BindProperty]
    public DonateInput Input { get; set; } = new();

    public bool Thanks { get; private set; }

    public string Shown { get; private set; } = "";

    public DonationOptions Settings => options.Value;

    public IReadOnlyList<Choice> AmountChoices =>
        [.. SuggestedEuros.Select(e => new Choice(e.ToString(CultureInfo.InvariantCulture), t["Donate_Euros", e])), new("other", t["Donate_OtherAmount"])];

    public IReadOnlyList<Choice> FrequencyChoices =>
        [.. Enum.GetValues<Frequency>().Select(f => new Choice(f.ToString(), t[$"Donate_Frequency_{f}"]))];

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    /// <summary>The mandate's part of a form (prefix.AccountHolder, prefix.Iban, prefix.Mandate): a name with Latin letters, an EEA IBAN, the mandate given.</summary>
    internal static void CheckAccount(PageModel page, IStringLocalizer t, string prefix, string? holder, string? iban, IReadOnlyCollection<string> mandate)
    {
        var name = prefix.Length == 0 ? "" : prefix + ".";
        if (page.CheckText(t, name + "AccountHolder", holder, Limits.Name, "Error_Donate_AccountHolder")
            && SepaDirectDebit.Text(holder!, 70).Count(char.IsAsciiLetter) < 2)
        {
            page.AddError(name + "AccountHolder", t["Error_Donate_AccountHolderLatin"]);
        }

        var ibanProblem = Iban.Check(iban);
        if (ibanProblem != Iban.Problem.None)
        {
            page.AddError(name + "Iban", t[$"Error_Iban_{ibanProblem}"]);
        }

        if (!mandate.Contains("yes"))
        {
            page.AddError(name + "Mandate", t["Error_Donate_Mandate"]);
        }
    }

    public IReadOnlyList<Choice> MandateChoices => [new("yes", t["Donate_MandateAgree", Settings.CreditorName])];

    public async Task OnGetAsync(bool bedankt, CancellationToken ct)
    {
        Thanks = bedankt;
        Shown = timing.Stamp();
        Input.Frequency = nameof(Frequency.Monthly);
        await LoadCitiesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "website")] string? honeypot, [FromForm(Name = FormTiming.FieldName)] string? shown, CancellationToken ct)
    {
        Shown = string.IsNullOrEmpty(shown) ? timing.Stamp() : shown;
        await LoadCitiesAsync(ct);
        if (!Settings.CanCollect)
        {
            // Without who collects, a mandate cannot be given: the page says so, nothing is taken.
            return Page();
        }

        var cents = ReadAmount();
        var frequency = Enum.TryParse<Frequency>(Input.Frequency, out var f) && Enum.IsDefined(f) ? f : (Frequency?)null;
        if (frequency is null)
        {
            this.AddError("Input.Frequency", t["Error_Donate_Frequency"]);
        }

        var city = await PublicCities.FindAsync(db, Input.City, ct);
        if (!string.IsNullOrEmpty(Input.City) && city is null)
        {
            this.AddError("Input.City", t["Error_Donate_City"]);
        }

        this.CheckText(t, "Input.Name", Input.Name, Limits.Name, "Error_Name_Required");
        if (this.CheckText(t, "Input.Email", Input.Email, Limits.Email, "Error_Email_Required") && !MemberRules.IsEmail(Input.Email!.Trim()))
        {
            this.AddError("Input.Email", t["Error_Email_Format"]);
        }

        CheckAccount(this, t, "Input", Input.AccountHolder, Input.Iban, Input.Mandate);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!string.IsNullOrEmpty(honeypot) || !timing.LooksHuman(shown, configuration.GetValue("Donations:MinimumSecondsToComplete", 5.0)))
        {
            return RedirectToPage(new { bedankt = true }); // Dropped quietly: a bot learns nothing.
        }

        if (!await limiter.TryAcquireAsync("donate", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var today = time.TodayInNetherlands();
        // The first collection no sooner than the notice agreed in the mandate text.
        var first = today.AddDays(Settings.NoticeDays);
        var (token, hash) = SecretToken.Create();
        var donation = new Donation
        {
            Id = Guid.NewGuid(),
            DonorName = TextRules.Clean(Input.Name)!,
            DonorEmail = Input.Email!.Trim(),
            Language = LocalizationSetup.Current == "en" ? "en" : "nl",
            AmountCents = cents!.Value,
            Frequency = frequency!.Value,
            CityId = city?.Id,
            Status = DonationStatus.Pending,
            AccountHolder = TextRules.Clean(Input.AccountHolder)!,
            Iban = Iban.Normalise(Input.Iban),
            MandateId = Mandates.NewId(today),
            MandateSignedOn = today,
            NextCollectionOn = first,
            ScheduleAnchor = first,
            CreatedAt = time.GetUtcNow(),
            ManageTokenHash = hash,
            Version = Guid.NewGuid(),
        };
        db.Donations.Add(donation);
        var link = links.Absolute($"/doneren/wijzigen?code={token}");
        var settings = Settings;
        outbox.Add(donation.DonorEmail, donation.DonorName, donation.Language, $"donation:{donation.Id:N}", () =>
            (t["Email_Donation_Subject"].Value,
             t["Email_Donation_Body",
                donation.DonorName,
                Mandates.Describe(donation, city?.Name, t),
                settings.CreditorName,
                settings.CreditorId,
                donation.MandateId,
                donation.MandateSignedOn.ToString("d MMMM yyyy", CultureInfo.CurrentCulture),
                Mandates.MaskedIban(donation.Iban),
                link,
                Mandates.Schedule(donation, t)].Value));
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return RedirectToPage(new { bedankt = true });
    }

    /// <summary>The amount in cents, from a button or typed ("12,50", "€ 12.50", "12"); null with a message when it cannot be taken.</summary>
    private long? ReadAmount()
    {
        var text = Input.Amount == "other" ? Input.OtherAmount : Input.Amount;
        if (Input.Amount is null || (Input.Amount == "other" && string.IsNullOrWhiteSpace(Input.OtherAmount)))
        {
            this.AddError(Input.Amount == "other" ? "Input.OtherAmount" : "Input.Amount", t["Error_Donate_Amount"]);
            return null;
        }

        var cents = Mandates.ParseEuros(text);
        var field = Input.Amount == "other" ? "Input.OtherAmount" : "Input.Amount";
        if (cents is null)
        {
            this.AddError(field, t["Error_Donate_AmountFormat"]);
            return null;
        }

        if (cents < Settings.MinimumEuros * 100L || cents > Settings.MaximumEuros * 100L)
        {
            this.AddError(field, t["Error_Donate_AmountRange", Settings.MinimumEuros, Settings.MaximumEuros]);
            return null;
        }

        return cents;
    }

    private async Task LoadCitiesAsync(CancellationToken ct) => CityChoices = await PublicCities.ChoicesAsync(db, ct);
}
