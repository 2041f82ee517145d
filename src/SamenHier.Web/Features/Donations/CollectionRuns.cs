using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Donations;

/// <summary>
/// Making a collection file: every active donation due on or before the collection date is collected
/// once — a one-off donation as OOFF (and then completed), the first collection under a recurring
/// mandate as FRST, every later one as RCUR — and its next date moves on by its frequency past the
/// collection date (a run never collects a donation twice, nor a missed period twice). The file, its
/// collections and the donations' new dates are saved together; two runs made at once cannot both
/// collect the same due date (a unique key), so the second is refused.
/// </summary>
public static class CollectionRuns
{
    public enum Outcome
    {
        Made,
        NothingDue,
        Conflict,
    }

    public static async Task<(Outcome Outcome, CollectionRun? Run)> MakeAsync(
        AppDbContext db, DonationOptions settings, DateTimeOffset now, DateOnly collectionDate, Guid staffId, ILogger log, CancellationToken ct)
    {
        var due = await db.Donations
            .Where(d => d.Status == DonationStatus.Active && d.NextCollectionOn <= collectionDate)
            .OrderBy(d => d.MandateId)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return (Outcome.NothingDue, null);
        }

        // A gift whose collections all failed (or that moved to another bank) starts again with a first collection.
        var collected = (await db.Collections.Where(c => due.Select(d => d.Id).Contains(c.DonationId) && c.FailedOn == null).Select(c => c.DonationId).Distinct().ToListAsync(ct)).ToHashSet();
        var run = new CollectionRun
        {
            Id = Guid.NewGuid(),
            MessageId = $"SH-{now.UtcDateTime:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}",
            CollectionDate = collectionDate,
            CreatedAt = now,
            CreatedBy = staffId,
            Xml = "",
        };
        var lines = new List<DebitLine>();
        var number = 0;
        foreach (var donation in due)
        {
            var amendment = Mandates.Amendment(donation);
            var sequence = donation.Frequency == Frequency.Once ? SequenceType.OneOff
                : collected.Contains(donation.Id) && amendment is not Mandates.AccountMove.OtherBank ? SequenceType.Recurring : SequenceType.First;
            var collection = new Collection
            {
                Id = Guid.NewGuid(),
                DonationId = donation.Id,
                RunId = run.Id,
                AmountCents = donation.AmountCents,
                Sequence = sequence,
                CollectionDate = collectionDate,
                DueOn = donation.NextCollectionOn,
                EndToEndId = $"{run.MessageId}-{++number:00000}",
                AmendedFromIban = donation.AmendedFromIban,
            };
            run.Collections.Add(collection);
            lines.Add(new DebitLine(collection.EndToEndId, collection.AmountCents, sequence, donation.MandateId, donation.MandateSignedOn,
                donation.AccountHolder, donation.Iban, $"Gift Samen Hier {donation.MandateId}")
            {
                Amendment = amendment,
                OriginalIban = donation.AmendedFromIban,
            });

            // The bank has been told of the new account with this collection.
            donation.AmendedFromIban = null;

            if (donation.Frequency == Frequency.Once)
            {
                donation.Status = DonationStatus.Completed;
            }
            else
            {
                donation.NextCollectionOn = Mandates.Next(donation.ScheduleAnchor, donation.Frequency, collectionDate);
            }

            donation.Version = Guid.NewGuid();
        }

        run.Count = lines.Count;
        run.TotalCents = lines.Sum(l => l.AmountCents);
        run.Xml = SepaDirectDebit.Write(settings.Creditor, run.MessageId, now, collectionDate, lines);
        db.CollectionRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another run took these donations at the same moment (or one changed): nothing of this one is kept.
            log.LogWarning(e, "A collection file was not saved (another file or a change at the same moment).");
            db.ChangeTracker.Clear();
            return (Outcome.Conflict, null);
        }

        return (Outcome.Made, run);
    }

    /// <summary>
    /// Cancels the newest file before its collection date (not yet sent, or withdrawn at the bank):
    /// its collections go, each gift is due again on the date it settled (a one-off one is active
    /// again, unless stopped since), and the file stays listed as cancelled.
    /// </summary>
    public static async Task<bool> CancelAsync(AppDbContext db, Guid runId, DateOnly today, DateTimeOffset now, string by, CancellationToken ct)
    {
        var run = await db.CollectionRuns.Include(r => r.Collections).ThenInclude(c => c.Donation).SingleOrDefaultAsync(r => r.Id == runId, ct);
        var newest = await db.CollectionRuns.Where(r => r.CancelledAt == null).OrderByDescending(r => r.CollectionDate).ThenByDescending(r => r.MessageId).Select(r => r.Id).FirstOrDefaultAsync(ct);
        if (run is null || run.CancelledAt is not null || run.Id != newest || run.CollectionDate <= today)
        {
            return false;
        }

        foreach (var collection in run.Collections)
        {
            var donation = collection.Donation!;
            donation.NextCollectionOn = collection.DueOn;
            if (collection.AmendedFromIban is { } told)
            {
                // The bank never saw this file: the account it knows is still the one before the move.
                donation.AmendedFromIban = told == donation.Iban ? null : told;
            }
            if (donation.Status == DonationStatus.Completed)
            {
                donation.Status = DonationStatus.Active;
            }

            donation.Version = Guid.NewGuid();
        }

        db.Collections.RemoveRange(run.Collections);
        run.CancelledAt = now;
        run.CancelledBy = by;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The newest file that can still be cancelled (its date is after today), if any.</summary>
    public static Task<Guid?> CancellableAsync(AppDbContext db, DateOnly today, CancellationToken ct) =>
        db.CollectionRuns.Where(r => r.CancelledAt == null)
            .OrderByDescending(r => r.CollectionDate).ThenByDescending(r => r.MessageId)
            .Select(r => (Guid?)(r.CollectionDate > today ? r.Id : null))
            .FirstOrDefaultAsync(ct);

    /// <summary>The file's name for the download: the collection date and the message id.</summary>
    public static string FileName(CollectionRun run) =>
        $"incasso-{run.CollectionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{run.MessageId}.xml";
}
