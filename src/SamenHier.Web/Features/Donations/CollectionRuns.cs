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
        AppDbContext db, DonationOptions settings, DateTimeOffset now, DateOnly collectionDate, Guid staffId, CancellationToken ct)
    {
        var due = await db.Donations
            .Where(d => d.Status == DonationStatus.Active && d.NextCollectionOn <= collectionDate)
            .OrderBy(d => d.MandateId)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return (Outcome.NothingDue, null);
        }

        var collected = (await db.Collections.Where(c => due.Select(d => d.Id).Contains(c.DonationId)).Select(c => c.DonationId).Distinct().ToListAsync(ct)).ToHashSet();
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
            var sequence = donation.Frequency == Frequency.Once ? SequenceType.OneOff
                : collected.Contains(donation.Id) ? SequenceType.Recurring : SequenceType.First;
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
            };
            run.Collections.Add(collection);
            lines.Add(new DebitLine(collection.EndToEndId, collection.AmountCents, sequence, donation.MandateId, donation.MandateSignedOn,
                donation.AccountHolder, donation.Iban, $"Gift Samen Hier {donation.MandateId}"));

            if (donation.Frequency == Frequency.Once)
            {
                donation.Status = DonationStatus.Completed;
            }
            else
            {
                var next = donation.NextCollectionOn;
                while (next <= collectionDate)
                {
                    next = Mandates.After(next, donation.Frequency);
                }

                donation.NextCollectionOn = next;
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
        catch (DbUpdateException)
        {
            // Another run took these donations at the same moment (or one changed): nothing of this one is kept.
            db.ChangeTracker.Clear();
            return (Outcome.Conflict, null);
        }

        return (Outcome.Made, run);
    }

    /// <summary>The file's name for the download: the collection date and the message id.</summary>
    public static string FileName(CollectionRun run) =>
        $"incasso-{run.CollectionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{run.MessageId}.xml";
}
