using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Donations;

/// <summary>
/// The bank's answer to a collection file: which debits it refused before the collection date
/// (a payment status report, pain.002) and which came back afterwards — refused by the donor's
/// bank, refunded at the donor's request (the eight weeks the mandate grants), and so on — as
/// entries with return information on the account statement or notification (camt.053, camt.054).
/// Any version of those messages is read: they are found by the elements' names, not the namespace.
/// </summary>
public static class BankReturns
{
    /// <summary>Files larger than this are refused unread (a return file holds a few lines per debit).</summary>
    public const long MaxBytes = 5_000_000;

    /// <summary>Reasons that mean the mandate can no longer be used: the gift stops at once.</summary>
    private static readonly HashSet<string> Final = new(StringComparer.Ordinal)
    {
        "AC01", // account number incorrect
        "AC04", // account closed
        "AC06", // account blocked
        "AG01", // direct debit not allowed on this account
        "MD01", // no mandate
        "MD06", // refund requested by the account holder
        "MD07", // account holder deceased
        "MS02", // refused by the account holder
        "SL01", // the account holder's bank blocks this creditor for them
    };

    /// <summary>Final reasons about the account itself: they do not stop a gift whose donor has since moved it to another account.</summary>
    private static readonly HashSet<string> AccountReasons = new(StringComparer.Ordinal) { "AC01", "AC04", "AC06", "AG01" };

    /// <summary>The reason codes whose meaning the pages spell out; others are shown by their code.</summary>
    public static readonly IReadOnlyList<string> Known = ["AC01", "AC04", "AC06", "AG01", "AG02", "AM04", "AM05", "BE05", "FF01", "MD01", "MD02", "MD06", "MD07", "MS02", "MS03", "RC01", "RR01", "RR02", "RR03", "RR04", "SL01"];

    /// <summary>A recurring gift stops after this many failed collections in a row, whatever the reason.</summary>
    public const int FailuresInARowBeforeStop = 3;

    /// <summary>One debit the bank reports as failed.</summary>
    public sealed record Item(string EndToEndId, string Reason, CollectionFailure Kind, DateOnly? On);

    /// <summary>A payment block (one sequence type of a file) refused as a whole: its id (<c>{MessageId}-{n}</c>) and the reason.</summary>
    public sealed record RefusedBlock(string PaymentInformationId, string Reason);

    /// <summary>What a file held: its failed debits, blocks refused as a whole, and a refusal of the whole file (with its message id) if there was one.</summary>
    public sealed record Report(IReadOnlyList<Item> Items, string? RefusedMessageId, string? RefusedReason)
    {
        public IReadOnlyList<RefusedBlock> RefusedBlocks { get; init; } = [];
    }

    public enum ReadProblem
    {
        None,
        NotXml,
        NotAReturnFile,
    }

    /// <summary>Reads a pain.002 or camt.053/054 file; a file that is neither says so.</summary>
    public static (Report? Report, ReadProblem Problem) Read(Stream stream)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = MaxBytes * 2,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return (null, ReadProblem.NotXml);
        }

        var root = document.Root?.Elements().FirstOrDefault();
        return root?.Name.LocalName switch
        {
            "CstmrPmtStsRpt" => (StatusReport(root), ReadProblem.None),
            "BkToCstmrDbtCdtNtfctn" or "BkToCstmrStmt" => (Statement(root), ReadProblem.None),
            _ => (null, ReadProblem.NotAReturnFile),
        };
    }

    /// <summary>pain.002: per debit its status; RJCT is a refusal, with its reason. A whole file or block can be refused too.</summary>
    private static Report StatusReport(XElement root)
    {
        var items = new List<Item>();
        foreach (var tx in Named(root, "TxInfAndSts"))
        {
            var status = Child(tx, "TxSts")?.Value.Trim();
            var id = Child(tx, "OrgnlEndToEndId")?.Value.Trim();
            if (status == "RJCT" && !string.IsNullOrEmpty(id))
            {
                items.Add(new Item(id, ReasonOf(tx), CollectionFailure.Rejected, null));
            }
        }

        // The whole file refused (nothing of it was collected), or single blocks of it without their debits listed.
        var group = Named(root, "OrgnlGrpInfAndSts").FirstOrDefault();
        var fileRefused = group is not null && Child(group, "GrpSts")?.Value.Trim() == "RJCT";
        var blocks = Named(root, "OrgnlPmtInfAndSts")
            .Where(b => Child(b, "PmtInfSts")?.Value.Trim() == "RJCT" && !Named(b, "TxInfAndSts").Any() && !string.IsNullOrEmpty(Child(b, "OrgnlPmtInfId")?.Value.Trim()))
            .Select(b => new RefusedBlock(Child(b, "OrgnlPmtInfId")!.Value.Trim(), ReasonOf(b)))
            .ToList();
        return new Report(items, fileRefused ? Child(group, "OrgnlMsgId")?.Value.Trim() : null, fileRefused ? ReasonOf(group!) : null)
        {
            RefusedBlocks = fileRefused ? [] : blocks,
        };
    }

    /// <summary>camt.053/054: every transaction with return information is a debit that came back.</summary>
    private static Report Statement(XElement root)
    {
        var items = new List<Item>();
        foreach (var entry in Named(root, "Ntry"))
        {
            var booked = Day(Child(Child(entry, "BookgDt"), "Dt")?.Value) ?? Day(Child(Child(entry, "ValDt"), "Dt")?.Value);
            foreach (var tx in Named(entry, "TxDtls"))
            {
                var returned = Child(tx, "RtrInf");
                var id = Child(Child(tx, "Refs"), "EndToEndId")?.Value.Trim();
                if (returned is not null && !string.IsNullOrEmpty(id))
                {
                    items.Add(new Item(id, ReasonOf(returned), CollectionFailure.Returned, booked));
                }
            }
        }

        return new Report(items, null, null);
    }

    private static IEnumerable<XElement> Named(XElement element, string name) =>
        element.Descendants().Where(e => e.Name.LocalName == name);

    private static XElement? Child(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The ISO code under Rsn/Cd (or a proprietary one under Rsn/Prtry); "NARR" when the bank gave none.</summary>
    private static string ReasonOf(XElement element)
    {
        var reason = Named(element, "Rsn").FirstOrDefault();
        var code = (Child(reason, "Cd") ?? Child(reason, "Prtry"))?.Value.Trim();
        return string.IsNullOrEmpty(code) ? "NARR" : code.Length > 35 ? code[..35] : code;
    }

    private static DateOnly? Day(string? value) =>
        value is not null && DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>One failed collection as recorded, and what it did to its gift.</summary>
    public sealed record Applied(Collection Collection, bool Stopped);

    /// <summary>What applying a file did.</summary>
    public sealed record Outcome(IReadOnlyList<Applied> Recorded, int AlreadyKnown, int NotFound);

    /// <summary>
    /// Records each failed debit on its collection (once: a file read twice changes nothing; the caller
    /// saves, with whatever it adds, in one go) and
    /// stops the gift when the mandate cannot be used any more (<see cref="IsFinal"/>), when a
    /// one-off gift failed (there is nothing to collect later), or after
    /// <see cref="FailuresInARowBeforeStop"/> failures in a row. Otherwise a recurring gift goes on
    /// with its next period (a missed amount is not collected twice). A gift whose first collection
    /// failed is collected as a first one (FRST) again.
    /// </summary>
    public static async Task<Outcome> ApplyAsync(AppDbContext db, Report report, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        // A block refused as a whole: every debit in it, found by the block's id (the file's message id
        // and the block's place; blocks are written one per sequence type, in the order of the type).
        var items = report.Items.ToList();
        foreach (var block in report.RefusedBlocks)
        {
            var dash = block.PaymentInformationId.LastIndexOf('-');
            if (dash <= 0 || !int.TryParse(block.PaymentInformationId[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var place) || place < 1)
            {
                continue;
            }

            var messageId = block.PaymentInformationId[..dash];
            var inFile = await db.Collections.AsNoTracking().Where(c => c.Run!.MessageId == messageId)
                .Select(c => new { c.Sequence, c.EndToEndId }).ToListAsync(ct);
            var sequences = inFile.Select(c => c.Sequence).Distinct().Order().ToList();
            if (place <= sequences.Count)
            {
                items.AddRange(inFile.Where(c => c.Sequence == sequences[place - 1]).Select(c => new Item(c.EndToEndId, block.Reason, CollectionFailure.Rejected, null)));
            }
        }

        var ids = items.Select(i => i.EndToEndId).Distinct().ToList();
        var collections = await db.Collections.Include(c => c.Donation).ThenInclude(d => d!.City)
            .Where(c => ids.Contains(c.EndToEndId))
            .ToDictionaryAsync(c => c.EndToEndId, StringComparer.Ordinal, ct);
        var recorded = new List<Applied>();
        var known = 0;
        var missing = 0;
        foreach (var item in items.DistinctBy(i => i.EndToEndId))
        {
            if (!collections.TryGetValue(item.EndToEndId, out var collection))
            {
                missing++;
                continue;
            }

            if (collection.FailedOn is not null)
            {
                known++;
                continue;
            }

            collection.FailedOn = item.On ?? today;
            collection.FailureCode = item.Reason;
            collection.Failure = item.Kind;
            var donation = collection.Donation!;
            // A debit of an account the donor has since moved away from says nothing about the new one.
            var oldAccount = donation.AmendedFromIban is not null && AccountReasons.Contains(item.Reason);
            var stop = donation.Status is DonationStatus.Active or DonationStatus.Completed
                && ((IsFinal(item.Reason) && !oldAccount) || donation.Frequency == Frequency.Once || await FailedInARowAsync(db, donation.Id, collection, ct) >= FailuresInARowBeforeStop);
            if (!stop && collection.AmendedFromIban is { } moved && donation.AmendedFromIban is null && moved != donation.Iban)
            {
                // The debit that told the bank of the move did not go through: the next one tells it again.
                donation.AmendedFromIban = moved;
            }

            if (stop)
            {
                donation.Status = DonationStatus.Stopped;
                donation.StoppedAt = now;
                donation.StopReason = item.Reason;
            }

            donation.Version = Guid.NewGuid();
            recorded.Add(new Applied(collection, stop));
        }

        return new Outcome(recorded, known, missing);
    }

    public static bool IsFinal(string reason) => Final.Contains(reason);

    /// <summary>How many of the gift's latest collections failed in a row, counting this one.</summary>
    private static async Task<int> FailedInARowAsync(AppDbContext db, Guid donationId, Collection failed, CancellationToken ct)
    {
        var latest = await db.Collections.AsNoTracking()
            .Where(c => c.DonationId == donationId && c.Id != failed.Id && c.DueOn < failed.DueOn)
            .OrderByDescending(c => c.DueOn)
            .Take(FailuresInARowBeforeStop - 1)
            .Select(c => c.FailedOn)
            .ToListAsync(ct);
        return 1 + latest.TakeWhile(f => f is not null).Count();
    }
}
