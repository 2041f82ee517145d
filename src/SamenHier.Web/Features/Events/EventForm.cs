using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Events;

/// <summary>The fields of an event as staff type them, for planning one (or a weekly series) and for changing one.</summary>
public abstract class EventFormModel(IStringLocalizer<SharedResource> t, TimeProvider time) : PageModel
{
    /// <summary>What the form says, checked.</summary>
    public sealed record Input(string Title, string? Description, LocalTimes.Span When, string Place, bool Online, int? Capacity, string Languages, string? Accessibility, bool Public);

    /// <summary>The texts, for the pages built on this form.</summary>
    protected IStringLocalizer<SharedResource> Texts => t;

    protected TimeProvider Clock => time;

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Description { get; set; }

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

    [BindProperty]
    public string? Capacity { get; set; }

    [BindProperty]
    public List<string> Languages { get; set; } = [];

    [BindProperty]
    public string? Accessibility { get; set; }

    [BindProperty]
    public List<string> Public { get; set; } = [];

    public IReadOnlyList<Choice> OnlineChoices => [new("yes", t["Events_Online"])];

    public IReadOnlyList<Choice> PublicChoices => [new("yes", t["Events_Public"])];

    public IReadOnlyList<Choice> LanguageChoices => [.. SignUpOptions.Languages.Where(l => l != "other").Select(l => new Choice(l, t[$"Language_{l}"]))];

    /// <summary>Fills the form from an event.</summary>
    protected void Fill(CommunityEvent e)
    {
        var starts = e.StartsAt.ToNetherlands();
        Title = e.Title;
        Description = e.Description;
        Date = starts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Start = starts.ToString("HH:mm", CultureInfo.InvariantCulture);
        End = e.EndsAt.ToNetherlands().ToString("HH:mm", CultureInfo.InvariantCulture);
        Online = e.Online ? ["yes"] : [];
        Place = e.Place;
        Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture);
        Languages = [.. e.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries)];
        Accessibility = e.Accessibility;
        Public = e.Public ? ["yes"] : [];
    }

    /// <summary>Checks every field, with a message per field in the user's language; null when any is wrong (what was typed stays).</summary>
    protected Input? Read()
    {
        this.CheckText(t, nameof(Title), Title, Limits.Title, "Error_Events_Title");
        this.CheckText(t, nameof(Description), Description, Limits.Note, null, multiline: true);
        var when = LocalTimes.Read(this, t, time, Date, Start, End);
        var online = Online.Contains("yes");
        var place = LocalTimes.ReadPlace(this, t, Place, online);
        int? capacity = null;
        if (!string.IsNullOrWhiteSpace(Capacity))
        {
            if (int.TryParse(Capacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap is >= 1 and <= 5000)
            {
                capacity = cap;
            }
            else
            {
                this.AddError(nameof(Capacity), t["Error_Events_Capacity"]);
            }
        }

        if (Languages.Count == 0)
        {
            this.AddError(nameof(Languages), t["Error_Events_Languages"]);
        }
        else if (Languages.Any(l => !LanguageChoices.Any(c => c.Value == l)))
        {
            this.AddError(nameof(Languages), t["Error_Choice_Unknown"]);
        }

        this.CheckText(t, nameof(Accessibility), Accessibility, Limits.Note, "Error_Events_Accessibility", multiline: true);
        if (!ModelState.IsValid || when is null || place is null)
        {
            return null;
        }

        return new Input(TextRules.Clean(Title)!, TextRules.Clean(Description), when, place, online, capacity,
            string.Join(',', LanguageChoices.Select(c => c.Value).Where(Languages.Contains)), TextRules.Clean(Accessibility), Public.Contains("yes"));
    }
}
