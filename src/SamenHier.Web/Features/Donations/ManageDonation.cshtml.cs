using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Donations;

/// <summary>
/// The donor's own page, reached from the link in their e-mail (no account needed): the donation as
/// it stands, a new amount or frequency, or stopping it. A changed donation keeps its mandate; a
/// stopped one is never collected again. Each change is confirmed by e-mail.
/// </summary>
[AllowAnonymous]
public sealed class ManageDonationModel(
    AppDbContext db,
    EmailOutbox outbox,
    SubmissionRateLimiter limiter,
    TimeProvider time,
    IConfiguration configuration,
    IOptions<DonationOptions> options,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public Donation? Donation { get; private set; }

    public string? CityName { get; private set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? Frequency { get; set; }

    public string? Done { get; private set; }

    /// <summary>A new account for the mandate.</summary>
    public sealed class AccountInput
    {
        public string? AccountHolder { get; set; }

        public string? Iban { get; set; }

        public List<string> Mandate { get; set; } = [];
    }

    [BindProperty]
    public AccountInput Account { get; set; } = new();

    public IReadOnlyList<Choice> MandateChoices => [new("yes", t["Donate_MandateAgree", options.Value.CreditorName])];

    public DonationOptions Settings => options.Value;

    /// <summary>The bank's reason when it stopped the gift (its account closed, a refund asked, …).</summary>
    public string? StopReason => Donation?.StopReason is { } code ? DonationsAdminModel.Reason(t, code) : null;

    /// <summary>Collections already in a file for a later date (a change or stop does not undo them).</summary>
    public IReadOnlyList<(DateOnly Date, long Cents)> StillCollected { get; private set; } = [];

    /// <summary>The years with amounts collected up to today: each has a yearly statement.</summary>
    public IReadOnlyList<int> StatementYears { get; private set; } = [];

    public IReadOnlyList<Choice> FrequencyChoices =>
        [.. Enum.GetValues<Frequency>().Where(f => f != Donations.Frequency.Once).Select(f => new Choice(f.ToString(), t[$"Donate_Frequency_{f}"]))];

    public async Task OnGetAsync(string? code, string? klaar, CancellationToken ct)
    {
        await FindAsync(code, ct);
        if (Donation is not null)
        {
            await LoadAsync(ct);
            Done = klaar switch
            {
                "bevestigd" => t["ManageDonation_Confirmed"].Value,
                "gewijzigd" => t["ManageDonation_Changed"].Value,
                "gestopt" => t["ManageDonation_Stopped"].Value,
                "rekening" => t["ManageDonation_AccountChanged"].Value,
                _ => null,
            };
        }
    }

    /// <summary>The yearly statement as a PDF, in the donor's language: what was collected in the year up to today.</summary>
    public async Task<IActionResult> OnGetStatementAsync(string? code, int year, CancellationToken ct)
    {
        await FindAsync(code, ct);
        var today = time.TodayInNetherlands();
        if (Donation is not { } donation || year < 2000 || year > today.Year)
        {
            return NotFound();
        }

        var collections = await db.Collections.AsNoTracking()
            .Where(c => c.DonationId == donation.Id && c.CollectionDate <= today && c.FailedOn == null)
            .ToListAsync(ct);
        collections = [.. collections.Where(c => c.CollectionDate.Year == year)];
        if (collections.Count == 0)
        {
            return NotFound();
        }

        try
        {
            var pdf = LocalizationSetup.In(LocalizationSetup.Normalize(donation.Language), () =>
                YearlyStatement.Pdf(donation, collections, year, options.Value, today, t, configuration["Reports:FontFolder"] ?? "/usr/share/fonts/truetype/dejavu"));
            return File(pdf, "application/pdf", $"jaaroverzicht-{year}-{donation.MandateId}.pdf");
        }
        catch (FileNotFoundException)
        {
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The donor confirms the gift they gave on the form: only then is it collected.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? code, CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync("donation-change", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        await FindAsync(code, ct);
        if (Donation is not { Status: DonationStatus.Pending } donation)
        {
            return Page();
        }

        donation.Status = DonationStatus.Active;
        donation.ConfirmedAt = time.GetUtcNow();
        donation.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await FindAsync(code, ct);
            return Page();
        }

        return RedirectToPage(new { code, klaar = "bevestigd" });
    }

    public async Task<IActionResult> OnPostChangeAsync(string? code, CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync("donation-change", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        await FindAsync(code, ct);
        if (Donation is not { Status: DonationStatus.Active, Frequency: not Donations.Frequency.Once } donation)
        {
            return Page();
        }

        var settings = options.Value;
        var cents = Mandates.ParseEuros(Amount);
        if (cents is null)
        {
            this.AddError(nameof(Amount), t["Error_Donate_AmountFormat"]);
        }
        else if (cents < settings.MinimumEuros * 100L || cents > settings.MaximumEuros * 100L)
        {
            this.AddError(nameof(Amount), t["Error_Donate_AmountRange", settings.MinimumEuros, settings.MaximumEuros]);
        }

        if (!Enum.TryParse<Frequency>(Frequency, out var frequency) || !Enum.IsDefined(frequency) || frequency == Donations.Frequency.Once)
        {
            this.AddError(nameof(Frequency), t["Error_Donate_Frequency"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        donation.AmountCents = cents!.Value;
        if (frequency != donation.Frequency)
        {
            // A new rhythm counts from the last collection (or the next one, if none yet), and never
            // sooner than the notice: yearly to monthly does not wait eleven months, monthly to yearly
            // does not take the year's amount a month on.
            var earliest = time.TodayInNetherlands().AddDays(options.Value.NoticeDays);
            var last = (await db.Collections.Where(c => c.DonationId == donation.Id).Select(c => c.DueOn).ToListAsync(ct)).DefaultIfEmpty().Max();
            var next = last == default ? donation.NextCollectionOn : Mandates.Next(last, frequency, last);
            donation.NextCollectionOn = donation.ScheduleAnchor = next < earliest ? earliest : next;
        }

        donation.Frequency = frequency;
        donation.Version = Guid.NewGuid();
        return await SaveAndConfirmAsync(donation, code!, "gewijzigd", "Email_DonationChanged_Subject", "Email_DonationChanged_Body", ct);
    }

    /// <summary>
    /// The mandate moves to another account (the donor gives the mandate for it): the next collection
    /// tells the bank (a SEPA amendment), a collection already in a file still comes from the old one.
    /// </summary>
    public async Task<IActionResult> OnPostAccountAsync(string? code, CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync("donation-change", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        await FindAsync(code, ct);
        if (Donation is not { Status: DonationStatus.Active or DonationStatus.Pending } donation)
        {
            return Page();
        }

        DonateModel.CheckAccount(this, t, nameof(Account), Account.AccountHolder, Account.Iban, Account.Mandate);
        if (ModelState.IsValid && Iban.Normalise(Account.Iban) == donation.Iban)
        {
            this.AddError($"{nameof(Account)}.{nameof(AccountInput.Iban)}", t["Error_ManageDonation_SameIban"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        // The bank knows the mandate with the account of its last collection that went through; a gift never collected just takes the new one.
        if (donation.AmendedFromIban is null && await db.Collections.AnyAsync(c => c.DonationId == donation.Id && c.FailedOn == null, ct))
        {
            donation.AmendedFromIban = donation.Iban;
        }

        donation.Iban = Iban.Normalise(Account.Iban);
        donation.AccountHolder = TextRules.Clean(Account.AccountHolder)!;
        donation.Version = Guid.NewGuid();
        return await SaveAndConfirmAsync(donation, code!, "rekening", "Email_DonationAccount_Subject", "Email_DonationAccount_Body", ct);
    }

    public async Task<IActionResult> OnPostStopAsync(string? code, CancellationToken ct)
    {
        if (!await limiter.TryAcquireAsync("donation-change", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        await FindAsync(code, ct);
        if (Donation is not { Status: DonationStatus.Active or DonationStatus.Pending } donation)
        {
            return Page();
        }

        donation.Status = DonationStatus.Stopped;
        donation.StoppedAt = time.GetUtcNow();
        donation.Version = Guid.NewGuid();
        return await SaveAndConfirmAsync(donation, code!, "gestopt", "Email_DonationStopped_Subject", "Email_DonationStopped_Body", ct);
    }

    private async Task<IActionResult> SaveAndConfirmAsync(Donation donation, string code, string done, string subjectKey, string bodyKey, CancellationToken ct)
    {
        var city = CityName;
        // A collection file already made still collects: say when and how much.
        var coming = await StillCollectedAsync(donation.Id, ct);
        outbox.Add(donation.DonorEmail, donation.DonorName, donation.Language, $"donation:{donation.Id:N}", () =>
            (t[subjectKey].Value,
             t[bodyKey, donation.DonorName, Mandates.Describe(donation, city, t), donation.MandateId, Mandates.Schedule(donation, t), Mandates.MaskedIban(donation.Iban)].Value
             + string.Concat(coming.Select(c => "\n\n" + t["ManageDonation_StillCollected", c.Date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), Mandates.Euros(c.Cents)].Value))));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A collection file was made at the same moment: show the donation as it is now.
            this.AddError(nameof(Amount), t["Error_ManageDonation_Conflict"]);
            db.ChangeTracker.Clear();
            await FindAsync(code, ct);
            return Page();
        }

        outbox.Wake();
        return RedirectToPage(new { code, klaar = done });
    }

    /// <summary>What the page shows besides the gift: its statements, what is still to be collected, and the change form's values (unless posted).</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var donation = Donation!;
        Amount ??= (donation.AmountCents / 100m).ToString("0.00", CultureInfo.CurrentCulture);
        Frequency ??= donation.Frequency.ToString();
        var today = time.TodayInNetherlands();
        StatementYears = [.. (await db.Collections.Where(c => c.DonationId == donation.Id && c.CollectionDate <= today && c.FailedOn == null)
                .Select(c => c.CollectionDate).ToListAsync(ct))
            .Select(d => d.Year).Distinct().OrderDescending()];
        StillCollected = await StillCollectedAsync(donation.Id, ct);
    }

    /// <summary>The collections of this donation already in a file for a date still to come.</summary>
    private async Task<IReadOnlyList<(DateOnly Date, long Cents)>> StillCollectedAsync(Guid donationId, CancellationToken ct)
    {
        var today = time.TodayInNetherlands();
        return [.. (await db.Collections.AsNoTracking().Where(c => c.DonationId == donationId && c.CollectionDate > today)
                .Select(c => new { c.CollectionDate, c.AmountCents }).ToListAsync(ct))
            .Select(c => (c.CollectionDate, c.AmountCents))];
    }

    private async Task FindAsync(string? code, CancellationToken ct)
    {
        if (!SecretToken.LooksValid(code))
        {
            return;
        }

        var hash = SecretToken.Hash(code!);
        Donation = await db.Donations.Include(d => d.City).SingleOrDefaultAsync(d => d.ManageTokenHash == hash, ct);
        CityName = Donation?.City?.Name;
    }
}
