using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Donations;

/// <summary>
/// The donations for national staff: every donation with its mandate and next collection, the
/// collection files made so far (each can be downloaded again), and making the next one for a
/// chosen day. Donors' names and accounts are personal data: national staff only, every file
/// download recorded as an export.
/// </summary>
[Authorize(Policy = Policies.NationalStaff)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * BankReturns.MaxBytes)]
[RequestSizeLimit(4 * BankReturns.MaxBytes)]
public sealed class DonationsAdminModel(
    AppDbContext db,
    UserManager<AppUser> users,
    TimeProvider time,
    IOptions<DonationOptions> options,
    EmailOutbox outbox,
    ILogger<DonationsAdminModel> log,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(string MandateId, string Donor, string Amount, string Frequency, string City, DonationStatus Status, DateOnly NextCollectionOn, string Account);

    public sealed record RunRow(Guid Id, DateOnly CollectionDate, int Count, string Total, DateTimeOffset CreatedAt, bool Cancelled);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<RunRow> Runs { get; private set; } = [];

    public sealed record ReturnRow(DateOnly FailedOn, string MandateId, string Donor, string Amount, CollectionFailure Kind, string Reason, bool Stopped);

    /// <summary>The latest collections the bank refused or returned.</summary>
    public IReadOnlyList<ReturnRow> Returns { get; private set; } = [];

    /// <summary>The bank's return file (pain.002, camt.053 or camt.054).</summary>
    [BindProperty]
    public IFormFile? ReturnFile { get; set; }

    /// <summary>The collection date asked for (yyyy-MM-dd), kept when it is wrong.</summary>
    [BindProperty]
    public string? CollectionDate { get; set; }

    public DateOnly Earliest { get; private set; }

    public bool CanCollect => options.Value.CanCollect;

    public string? Made { get; private set; }

    /// <summary>The newest file, while its date is still to come: it can be cancelled.</summary>
    public Guid? Cancellable { get; private set; }

    public DateOnly Latest { get; private set; }

    public async Task OnGetAsync(Guid? gemaakt, bool geannuleerd, int? teruggemeld, int gestopt, int bekend, int onbekend, CancellationToken ct)
    {
        SetRange();
        if (geannuleerd)
        {
            Made = t["Donations_RunCancelled"];
        }

        if (teruggemeld is { } recorded)
        {
            Made = t["Donations_ReturnsRead", recorded, gestopt, bekend, onbekend];
        }

        CollectionDate = Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (gemaakt is { } id && await db.CollectionRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } run)
        {
            Made = t["Donations_RunMade", run.Count, Mandates.Euros(run.TotalCents), run.CollectionDate.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)];
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        SetRange();
        if (!CanCollect)
        {
            this.AddError(nameof(CollectionDate), t["Error_Donations_Settings"]);
        }
        else if (!DateOnly.TryParseExact(CollectionDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            this.AddError(nameof(CollectionDate), t["Error_Date_Format"]);
        }
        else if (day < Earliest || day > Latest)
        {
            this.AddError(nameof(CollectionDate), t["Error_Donations_DateRange", Earliest.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), Latest.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)]);
        }
        else if (!CollectionDays.IsBusinessDay(day))
        {
            this.AddError(nameof(CollectionDate), t["Error_Donations_BusinessDay"]);
        }
        else
        {
            var me = await users.GetUserAsync(User);
            var (outcome, run) = await CollectionRuns.MakeAsync(db, options.Value, time.GetUtcNow(), day, me!.Id, log, ct);
            if (outcome == CollectionRuns.Outcome.Made)
            {
                return RedirectToPage(new { gemaakt = run!.Id });
            }

            this.AddError(nameof(CollectionDate), t[outcome == CollectionRuns.Outcome.NothingDue ? "Error_Donations_NothingDue" : "Error_Donations_Conflict"]);
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Cancels the newest file before its date: its gifts are due again.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        SetRange();
        var me = await users.GetUserAsync(User);
        if (await CollectionRuns.CancelAsync(db, id, time.TodayInNetherlands(), time.GetUtcNow(), me!.DisplayName, ct))
        {
            return RedirectToPage(new { geannuleerd = true });
        }

        this.AddError(nameof(CollectionDate), t["Error_Donations_CannotCancel"]);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// Reads the bank's answer: every refused or returned debit is recorded on its collection (once),
    /// and a gift whose mandate can no longer be used stops, its donor told by e-mail.
    /// </summary>
    public async Task<IActionResult> OnPostReturnsAsync(CancellationToken ct)
    {
        SetRange();
        CollectionDate = Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (ReturnFile is null || ReturnFile.Length == 0)
        {
            this.AddError(nameof(ReturnFile), t["Error_Returns_Empty"]);
        }
        else if (ReturnFile.Length > BankReturns.MaxBytes)
        {
            this.AddError(nameof(ReturnFile), t["Error_Returns_TooLarge"]);
        }
        else
        {
            BankReturns.Report? report;
            BankReturns.ReadProblem problem;
            await using (var stream = ReturnFile.OpenReadStream())
            {
                (report, problem) = BankReturns.Read(stream);
            }

            if (report is null)
            {
                this.AddError(nameof(ReturnFile), t[$"Error_Returns_{problem}"]);
            }
            else if (report.RefusedMessageId is { } refused
                && await db.CollectionRuns.AsNoTracking().SingleOrDefaultAsync(r => r.MessageId == refused, ct) is { } run)
            {
                // The whole file was refused: nothing was collected; staff cancel it (while they can) and make it again.
                this.AddError(nameof(ReturnFile), t["Error_Returns_FileRefused", run.CollectionDate.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), Reason(t, report.RefusedReason ?? "NARR")]);
            }
            else
            {
                var outcome = await BankReturns.ApplyAsync(db, report, time.TodayInNetherlands(), time.GetUtcNow(), ct);
                foreach (var stopped in outcome.Recorded.Where(r => r.Stopped))
                {
                    TellDonor(stopped.Collection);
                }

                try
                {
                    // The failures and the e-mails to their donors, together.
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // A donor changed a gift at the same moment: nothing of the file was recorded; read it again.
                    db.ChangeTracker.Clear();
                    this.AddError(nameof(ReturnFile), t["Error_Returns_Conflict"]);
                    await LoadAsync(ct);
                    return Page();
                }

                outbox.Wake();
                log.LogInformation("Bank returns read: {Recorded} recorded, {Stopped} gifts stopped, {Known} known, {Missing} not found.",
                    outcome.Recorded.Count, outcome.Recorded.Count(r => r.Stopped), outcome.AlreadyKnown, outcome.NotFound);
                return RedirectToPage(new { teruggemeld = outcome.Recorded.Count, gestopt = outcome.Recorded.Count(r => r.Stopped), bekend = outcome.AlreadyKnown, onbekend = outcome.NotFound });
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The donor of a gift the bank's answer stopped: which collection, why, and that they can give again.</summary>
    private void TellDonor(Collection collection)
    {
        var donation = collection.Donation!;
        var city = donation.City?.Name;
        outbox.Add(donation.DonorEmail, donation.DonorName, donation.Language, $"donation:{donation.Id:N}", () =>
            (t["Email_DonationStoppedByBank_Subject"].Value,
             t["Email_DonationStoppedByBank_Body", donation.DonorName, Mandates.Describe(donation, city, t), donation.MandateId,
                 Reason(t, collection.FailureCode!), collection.CollectionDate.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), Mandates.Euros(collection.AmountCents)].Value));
    }

    /// <summary>A bank's reason code in words, with the code ("rekening opgeheven (AC04)").</summary>
    public static string Reason(IStringLocalizer t, string code) =>
        BankReturns.Known.Contains(code) ? $"{t[$"BankReason_{code}"]} ({code})" : t["BankReason_Other", code];

    private void SetRange()
    {
        var today = time.TodayInNetherlands();
        Earliest = CollectionDays.Earliest(today, options.Value.LeadBusinessDays);
        Latest = today.AddDays(Math.Max(options.Value.MaxDaysAhead, 1));
        if (Latest < Earliest)
        {
            Latest = Earliest;
        }
    }

    /// <summary>A collection file, as it was made: for the bank's upload.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, CancellationToken ct)
    {
        var run = await db.CollectionRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return NotFound();
        }

        var me = await users.GetUserAsync(User);
        ExportLog.Record(db, time, me!, "sepa-collection", run.MessageId, run.Count);
        await db.SaveChangesAsync(ct);
        return File(Encoding.UTF8.GetBytes(run.Xml), "application/xml", CollectionRuns.FileName(run));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var donations = await db.Donations.AsNoTracking()
            .OrderBy(d => d.Status).ThenBy(d => d.NextCollectionOn).ThenBy(d => d.MandateId)
            .Select(d => new { d.MandateId, d.DonorName, d.AmountCents, d.Frequency, City = d.City == null ? null : d.City.Name, d.Status, d.NextCollectionOn, d.Iban })
            .ToListAsync(ct);
        Rows = [.. donations.Select(d => new Row(d.MandateId, d.DonorName, Mandates.Euros(d.AmountCents), t[$"Donate_Frequency_{d.Frequency}"], d.City ?? t["Donations_Anywhere"], d.Status, d.NextCollectionOn, Mandates.MaskedIban(d.Iban)))];
        Runs = [.. (await db.CollectionRuns.AsNoTracking()
                .Select(r => new { r.Id, r.CollectionDate, r.Count, r.TotalCents, r.CreatedAt, r.CancelledAt })
                .ToListAsync(ct))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new RunRow(r.Id, r.CollectionDate, r.Count, Mandates.Euros(r.TotalCents), r.CreatedAt, r.CancelledAt is not null))];
        Cancellable = await CollectionRuns.CancellableAsync(db, time.TodayInNetherlands(), ct);
        var returns = await db.Collections.AsNoTracking()
            .Where(c => c.FailedOn != null)
            .OrderByDescending(c => c.FailedOn).ThenBy(c => c.Donation!.MandateId)
            .Take(100)
            .Select(c => new { FailedOn = c.FailedOn!.Value, c.Donation!.MandateId, c.Donation.DonorName, c.AmountCents, Kind = c.Failure!.Value, Code = c.FailureCode!, c.Donation.StopReason })
            .ToListAsync(ct);
        Returns = [.. returns.Select(r => new ReturnRow(r.FailedOn, r.MandateId, r.DonorName, Mandates.Euros(r.AmountCents), r.Kind, Reason(t, r.Code), r.StopReason is not null))];
    }
}
