using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Trainings;

/// <summary>The fields of a training session as coordinators type them, for scheduling one and for changing one.</summary>
public abstract class SessionFormModel(IStringLocalizer<SharedResource> t, TimeProvider time) : WhenWhereFormModel(t, time)
{
    /// <summary>What the form says, checked.</summary>
    public sealed record Input(LocalTimes.Span When, string Place, bool Online, int Capacity, string Language, string Trainer);

    [BindProperty]
    public string? Capacity { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? Trainer { get; set; }

    protected override string OnlineLabel => "Sessions_Online";

    protected void Fill(TrainingSession session)
    {
        FillWhenWhere(session.StartsAt, session.EndsAt, session.Place, session.Online);
        Capacity = session.Capacity.ToString(CultureInfo.InvariantCulture);
        Language = session.Language;
        Trainer = session.Trainer;
    }

    /// <summary>Checks every field, with a message per field in the user's language; null when any is wrong (what was typed stays).</summary>
    protected Input? Read()
    {
        var (when, place) = ReadWhenWhere();
        var capacity = int.TryParse(Capacity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap is >= 1 and <= 500 ? cap : (int?)null;
        if (capacity is null)
        {
            this.AddError(nameof(Capacity), Texts["Error_Sessions_Capacity"]);
        }

        if (!LanguageChoices.Any(c => c.Value == Language))
        {
            this.AddError(nameof(Language), Texts["Error_Choice_Unknown"]);
        }

        this.CheckText(Texts, nameof(Trainer), Trainer, Limits.Name, "Error_Sessions_Trainer");
        return !ModelState.IsValid || when is null || place is null
            ? null
            : new Input(when, place, IsOnline, capacity!.Value, Language!, TextRules.Clean(Trainer)!);
    }
}
