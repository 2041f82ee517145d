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

namespace SamenHier.Web.Features.Enquiries;

/// <summary>
/// "Help mee": every way to contribute besides a group and a gift. Without a kind, the overview;
/// with one, its form — an offer of help for a city (advice, network, a space, an activity or
/// training), a question about a legacy, or a request to start in a town. Each lands in the
/// back office's list for the staff it concerns, who are told by e-mail that there is something
/// new (never what).
/// </summary>
[AllowAnonymous]
public sealed class HelpModel(
    AppDbContext db,
    EmailOutbox outbox,
    SubmissionRateLimiter limiter,
    FormTiming timing,
    IConfiguration configuration,
    TimeProvider time,
    PublicLinks links,
    IOptions<EmailOptions> email,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The kinds of form, by the word in their address.</summary>
    public static readonly IReadOnlyDictionary<string, EnquiryKind> Kinds = new Dictionary<string, EnquiryKind>(StringComparer.Ordinal)
    {
        ["aanbieden"] = EnquiryKind.Offer,
        ["nalaten"] = EnquiryKind.Legacy,
        ["starten"] = EnquiryKind.StartInTown,
    };

    public sealed class HelpInput
    {
        public string? Offer { get; set; }

        public string? City { get; set; }

        public string? SpacePlace { get; set; }

        public string? SpaceCapacity { get; set; }

        public string? SpaceAccessibility { get; set; }

        public string? Town { get; set; }

        public string? Requester { get; set; }

        public string? Organisation { get; set; }

        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Message { get; set; }
    }

    [BindProperty]
    public HelpInput Input { get; set; } = new();

    public EnquiryKind? Kind { get; private set; }

    public bool Sent { get; private set; }

    public string Shown { get; private set; } = "";

    public IReadOnlyList<Choice> CityChoices { get; private set; } = [];

    public IReadOnlyList<Choice> OfferChoices =>
        [.. Enum.GetValues<OfferKind>().Select(o => new Choice(o.ToString(), t[$"OfferKind_{o}"], t[$"OfferKind_{o}_Hint"]))];

    public IReadOnlyList<Choice> RequesterChoices =>
        [.. Enum.GetValues<RequesterKind>().Select(r => new Choice(r.ToString(), t[$"RequesterKind_{r}"]))];

    public IReadOnlyList<Choice> AccessibilityChoices =>
        [.. new[] { "yes", "partly", "no" }.Select(a => new Choice(a, t[$"Help_Accessible_{a}"]))];

    public async Task<IActionResult> OnGetAsync(string? soort, bool verzonden, CancellationToken ct)
    {
        if (!Resolve(soort))
        {
            return NotFound();
        }

        Sent = verzonden;
        Shown = timing.Stamp();
        Input.City = Request.Query["stad"];
        await LoadCitiesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? soort, [FromForm(Name = "website")] string? honeypot, [FromForm(Name = FormTiming.FieldName)] string? shown, CancellationToken ct)
    {
        if (!Resolve(soort) || Kind is not { } kind)
        {
            return NotFound();
        }

        Shown = string.IsNullOrEmpty(shown) ? timing.Stamp() : shown;
        await LoadCitiesAsync(ct);
        var enquiry = Check(kind, await PublicCities.FindAsync(db, Input.City, ct));
        if (!ModelState.IsValid || enquiry is null)
        {
            return Page();
        }

        if (!string.IsNullOrEmpty(honeypot) || !timing.LooksHuman(shown, configuration.GetValue("Contact:MinimumSecondsToComplete", 3.0)))
        {
            return RedirectToPage(new { soort, verzonden = true }); // Dropped quietly: a bot learns nothing.
        }

        if (!await limiter.TryAcquireAsync("help", HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        db.Enquiries.Add(enquiry);
        await EnquiryMail.AnnounceAsync(db, outbox, links, email.Value, t, enquiry, ct);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return RedirectToPage(new { soort, verzonden = true });
    }

    private bool Resolve(string? soort)
    {
        if (soort is null)
        {
            return true;
        }

        if (!Kinds.TryGetValue(soort, out var kind))
        {
            return false;
        }

        Kind = kind;
        return true;
    }

    /// <summary>The enquiry when everything asked for this kind is there and right; null (with messages) otherwise.</summary>
    private Enquiry? Check(EnquiryKind kind, City? city)
    {
        OfferKind? offer = null;
        int? cityId = null;
        int? capacity = null;
        RequesterKind? requester = null;
        if (kind == EnquiryKind.Offer)
        {
            if (Enum.TryParse<OfferKind>(Input.Offer, out var o) && Enum.IsDefined(o))
            {
                offer = o;
            }
            else
            {
                this.AddError("Input.Offer", t["Error_Help_Offer"]);
            }

            if (city is not null)
            {
                cityId = city.Id;
            }
            else
            {
                this.AddError("Input.City", t["Error_Help_City"]);
            }

            if (offer == OfferKind.Space)
            {
                this.CheckText(t, "Input.SpacePlace", Input.SpacePlace, Limits.Subject, "Error_Help_SpacePlace");
                if (int.TryParse(Input.SpaceCapacity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var people) && people is > 0 and <= 10_000)
                {
                    capacity = people;
                }
                else
                {
                    this.AddError("Input.SpaceCapacity", t["Error_Help_SpaceCapacity"]);
                }

                if (Input.SpaceAccessibility is not ("yes" or "partly" or "no"))
                {
                    this.AddError("Input.SpaceAccessibility", t["Error_Help_SpaceAccessibility"]);
                }
            }
        }

        if (kind == EnquiryKind.StartInTown)
        {
            this.CheckText(t, "Input.Town", Input.Town, Limits.Municipality, "Error_Help_Town");
            if (Enum.TryParse<RequesterKind>(Input.Requester, out var r) && Enum.IsDefined(r))
            {
                requester = r;
            }
            else
            {
                this.AddError("Input.Requester", t["Error_Help_Requester"]);
            }
        }

        this.CheckText(t, "Input.Organisation", Input.Organisation, Limits.Name,
            requester is RequesterKind.Municipality or RequesterKind.Organisation ? "Error_Help_Organisation" : null);
        this.CheckText(t, "Input.Name", Input.Name, Limits.Name, "Error_Name_Required");
        if (this.CheckText(t, "Input.Email", Input.Email, Limits.Email, "Error_Email_Required") && !MemberRules.IsEmail(Input.Email!.Trim()))
        {
            this.AddError("Input.Email", t["Error_Email_Format"]);
        }

        this.CheckText(t, "Input.Phone", Input.Phone, Limits.Phone, null);
        this.CheckText(t, "Input.Message", Input.Message, Limits.Message, kind == EnquiryKind.Legacy ? null : "Error_Help_Message", multiline: true);
        if (!ModelState.IsValid)
        {
            return null;
        }

        return new Enquiry
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Status = EnquiryStatus.New,
            Name = TextRules.Clean(Input.Name)!,
            Email = Input.Email!.Trim(),
            Phone = TextRules.Clean(Input.Phone),
            Organisation = TextRules.Clean(Input.Organisation),
            CityId = cityId,
            Offer = offer,
            SpacePlace = offer == OfferKind.Space ? TextRules.Clean(Input.SpacePlace) : null,
            SpaceCapacity = capacity,
            SpaceAccessibility = offer == OfferKind.Space ? Input.SpaceAccessibility : null,
            Town = kind == EnquiryKind.StartInTown ? TextRules.Clean(Input.Town) : null,
            Requester = requester,
            Message = TextRules.Clean(Input.Message),
            Language = LocalizationSetup.Current,
            ReceivedAt = time.GetUtcNow(),
            Version = Guid.NewGuid(),
        };
    }

    private async Task LoadCitiesAsync(CancellationToken ct) => CityChoices = await PublicCities.ChoicesAsync(db, ct);
}
