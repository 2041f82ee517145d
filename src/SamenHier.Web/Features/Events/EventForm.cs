using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Events;

/// <summary>The fields of an event as staff type them, for planning one (or a weekly series) and for changing one.</summary>
public abstract class EventFormModel(IStringLocalizer<SharedResource> t, TimeProvider time) : WhenWhereFormModel(t, time)
{
    /// <summary>What the form says, checked.</summary>
    public sealed record Input(string Title, string? Description, LocalTimes.Span When, string Place, bool Online, int? Capacity, string Languages, string? Accessibility, bool Public);

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Capacity { get; set; }

    [BindProperty]
    public List<string> Languages { get; set; } = [];

    [BindProperty]
    public string? Accessibility { get; set; }

    [BindProperty]
    public List<string> Public { get; set; } = [];

    protected override string OnlineLabel => "Events_Online";

    public IReadOnlyList<Choice> PublicChoices => [new("yes", Texts["Events_Public"])];

    /// <summary>Fills the form from an event.</summary>
    protected void Fill(CommunityEvent e)
    {
        FillWhenWhere(e.StartsAt, e.EndsAt, e.Place, e.Online);
        Title = e.Title;
        Description = e.Description;
        Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture);
        Languages = [.. e.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries)];
        Accessibility = e.Accessibility;
        Public = e.Public ? ["yes"] : [];
    }

    /// <summary>Checks every field, with a message per field in the user's language; null when any is wrong (what was typed stays).</summary>
    protected Input? Read()
    {
        this.CheckText(Texts, nameof(Title), Title, Limits.Title, "Error_Events_Title");
        this.CheckText(Texts, nameof(Description), Description, Limits.Note, null, multiline: true);
        var (when, place) = ReadWhenWhere();
        int? capacity = null;
        if (!string.IsNullOrWhiteSpace(Capacity))
        {
            if (int.TryParse(Capacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap is >= 1 and <= 5000)
            {
                capacity = cap;
            }
            else
            {
                this.AddError(nameof(Capacity), Texts["Error_Events_Capacity"]);
            }
        }

        if (Languages.Count == 0)
        {
            this.AddError(nameof(Languages), Texts["Error_Events_Languages"]);
        }
        else if (Languages.Any(l => !LanguageChoices.Any(c => c.Value == l)))
        {
            this.AddError(nameof(Languages), Texts["Error_Choice_Unknown"]);
        }

        this.CheckText(Texts, nameof(Accessibility), Accessibility, Limits.Note, "Error_Events_Accessibility", multiline: true);
        if (!ModelState.IsValid || when is null || place is null)
        {
            return null;
        }

        return new Input(TextRules.Clean(Title)!, TextRules.Clean(Description), when, place, IsOnline, capacity,
            string.Join(',', LanguageChoices.Select(c => c.Value).Where(Languages.Contains)), TextRules.Clean(Accessibility), Public.Contains("yes"));
    }
}
