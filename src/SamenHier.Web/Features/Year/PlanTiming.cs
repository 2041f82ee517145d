using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Infrastructure.Forms;

namespace SamenHier.Web.Features.Year;

/// <summary>
/// When a task is due, relative to the arrival (or first meeting): as the forms ask it (a number of
/// days, before or after) and as the pages say it ("14 days before arrival"). Plan tasks and template
/// tasks share it.
/// </summary>
public static class PlanTiming
{
    /// <summary>The largest number of days before or after the arrival a task may be planned.</summary>
    public const int MaxDays = 730;

    public const string Before = "before";

    public const string After = "after";

    public static IReadOnlyList<Choice> WhenChoices(IStringLocalizer t) =>
        [new(Before, t["PlanTask_WhenBefore"]), new(After, t["PlanTask_WhenAfter"])];

    /// <summary>The form's two fields for an offset: the number of days, and before or after.</summary>
    public static (string? Days, string When) ToFields(int? offset) =>
        (offset is { } d ? Math.Abs(d).ToString(CultureInfo.InvariantCulture) : null, offset < 0 ? Before : After);

    /// <summary>The offset the two fields give (null for no date), or an error on the days field.</summary>
    public static int? Parse(PageModel page, IStringLocalizer t, string field, string? days, string? when)
    {
        if (string.IsNullOrWhiteSpace(days))
        {
            return null;
        }

        if (int.TryParse(days.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= MaxDays)
        {
            return when == Before ? -value : value;
        }

        page.AddError(field, t["Error_PlanTask_Days", MaxDays]);
        return null;
    }

    /// <summary>The offset in words: "14 days before arrival", "on the day itself", "no date".</summary>
    public static string Describe(int? offset, IStringLocalizer t) => offset switch
    {
        null => t["Plan_NoDueDate"],
        < 0 => t["Plan_DaysBefore", -offset.Value],
        0 => t["Plan_OnTheDay"],
        _ => t["Plan_DaysAfter", offset.Value],
    };
}
