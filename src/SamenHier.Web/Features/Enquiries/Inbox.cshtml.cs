using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Enquiries;

/// <summary>The enquiries within the viewer's scope, newest first, filtered by kind and status (open ones by default).</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class InboxModel(AppDbContext db, CurrentStaff me, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(Guid Id, DateTimeOffset ReceivedAt, EnquiryKind Kind, string What, string Where, string Name, EnquiryStatus Status);

    /// <summary>The kind to show, or all.</summary>
    public string? Soort { get; set; }

    /// <summary>"open" (new and contacted, the default), "alle", or one status.</summary>
    public string? Stand { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Choice> KindChoices =>
        [new("", t["Inbox_AllKinds"]), .. Enum.GetValues<EnquiryKind>().Where(k => me.IsNational || k == EnquiryKind.Offer).Select(k => new Choice(k.ToString(), t[$"EnquiryKind_{k}"]))];

    /// <summary>At most this many are listed (newest first); filter to see others.</summary>
    public const int Shown = 500;

    public IReadOnlyList<Choice> StatusChoices =>
        [new("open", t["Inbox_Open"]), new("alle", t["Inbox_All"]), .. Statuses.Select(s => new Choice(s.ToString(), t[$"EnquiryStatus_{s}"]))];

    /// <summary>The statuses the viewer's enquiries can have (a coordinator's are offers).</summary>
    private IEnumerable<EnquiryStatus> Statuses => me.IsNational ? Enum.GetValues<EnquiryStatus>() : Enquiry.StatusesFor(EnquiryKind.Offer);

    public async Task OnGetAsync(string? soort, string? stand, CancellationToken ct)
    {
        Soort = soort;
        // Anything but "alle" or a known status is the default: what is shown always matches the choice.
        Stand = stand == "alle" || (Enum.TryParse<EnquiryStatus>(stand, out var asked) && Statuses.Contains(asked)) ? stand : "open";
        var query = await EnquiryScope.VisibleAsync(db, me, ct);
        if (Enum.TryParse<EnquiryKind>(soort, out var kind) && Enum.IsDefined(kind))
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (Stand == "open")
        {
            query = query.Where(e => e.Status == EnquiryStatus.New || e.Status == EnquiryStatus.Contacted);
        }
        else if (Enum.TryParse<EnquiryStatus>(Stand, out var status) && Enum.IsDefined(status))
        {
            query = query.Where(e => e.Status == status);
        }

        var rows = await query.AsNoTracking()
            .OrderByDescending(e => e.ReceivedAt)
            .Take(Shown)
            .Select(e => new { e.Id, e.ReceivedAt, e.Kind, e.Offer, City = e.City == null ? null : e.City.Name, e.Town, e.Subject, e.Name, e.Status })
            .ToListAsync(ct);
        Rows = [.. rows
            .Select(e => new Row(e.Id, e.ReceivedAt, e.Kind,
                e.Kind == EnquiryKind.Offer && e.Offer is { } offer ? t[$"OfferKind_{offer}"] : e.Subject ?? t[$"EnquiryKind_{e.Kind}"],
                e.City ?? e.Town ?? "–",
                e.Name,
                e.Status))];
    }
}
