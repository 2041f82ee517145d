using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Calendar;

/// <summary>
/// The fields every form for a session or event has: the date and times on the Dutch clock, and the
/// place or online link. Pages for planning and changing sessions and events build on it.
/// </summary>
public abstract class WhenWhereFormModel(IStringLocalizer<SharedResource> t, TimeProvider time) : PageModel
{
    /// <summary>The texts, for the pages built on this form.</summary>
    protected IStringLocalizer<SharedResource> Texts => t;

    protected TimeProvider Clock => time;

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Start { get; set; }

    [BindProperty]
    public string? End { get; set; }

    [BindProperty]
    public List<string> Online { get; set; } = [];

    [BindProperty]
    public string? Place { get; set; }

    /// <summary>The resource key of the "online" choice's label.</summary>
    protected abstract string OnlineLabel { get; }

    public IReadOnlyList<Choice> OnlineChoices => [new("yes", t[OnlineLabel])];

    /// <summary>The languages a session is given in, or spoken at an event.</summary>
    public IReadOnlyList<Choice> LanguageChoices => [.. SignUpOptions.Languages.Where(l => l != "other").Select(l => new Choice(l, t[$"Language_{l}"]))];

    protected bool IsOnline => Online.Contains("yes");

    /// <summary>Fills the date, times and place from what is stored.</summary>
    protected void FillWhenWhere(DateTimeOffset startsAt, DateTimeOffset endsAt, string place, bool online)
    {
        var starts = startsAt.ToNetherlands();
        Date = starts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Start = starts.ToString("HH:mm", CultureInfo.InvariantCulture);
        End = endsAt.ToNetherlands().ToString("HH:mm", CultureInfo.InvariantCulture);
        Online = online ? ["yes"] : [];
        Place = place;
    }

    /// <summary>Checks the date, times and place, with a message per field; null for either when wrong.</summary>
    protected (LocalTimes.Span? When, string? Place) ReadWhenWhere() =>
        (LocalTimes.Read(this, t, time, Date, Start, End), LocalTimes.ReadPlace(this, t, Place, IsOnline));
}
