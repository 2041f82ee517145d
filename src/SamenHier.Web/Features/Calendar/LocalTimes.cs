using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;

namespace SamenHier.Web.Features.Calendar;

/// <summary>
/// Dates and times on the clock in the Netherlands, as staff type them for sessions and events, and
/// as instants to store. A time the clock skips (02:00–03:00 on the last Sunday of March) does not
/// exist and is refused; a time the clock passes twice (02:00–03:00 on the last Sunday of October)
/// means its first passing, as RFC 5545 reads it, so calendars agree with what we stored.
/// </summary>
public static class LocalTimes
{
    public sealed record Span(DateOnly Day, TimeOnly Start, TimeOnly End)
    {
        public DateTimeOffset StartsAt => Instant(Day, Start);

        public DateTimeOffset EndsAt => Instant(Day, End);

        public Span AddDays(int days) => this with { Day = Day.AddDays(days) };
    }

    /// <summary>A date and a time on the clock in the Netherlands, as an instant (summer and winter time right).</summary>
    public static DateTimeOffset Instant(DateOnly day, TimeOnly at)
    {
        var local = day.ToDateTime(at);
        var zone = TimeExtensions.Netherlands;
        // Passed twice: the first time, in summer time (the larger offset).
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Whether the clock in the Netherlands never shows this time on that day.</summary>
    public static bool Skipped(DateOnly day, TimeOnly at) => TimeExtensions.Netherlands.IsInvalidTime(day.ToDateTime(at));

    /// <summary>
    /// Reads the form's <c>Date</c>, <c>Start</c> and <c>End</c> fields: a date from today up to two
    /// years ahead, times as HH:mm, the end after the start, a start the clock shows. Adds a message
    /// per field to the page; null when any is wrong.
    /// </summary>
    public static Span? Read(PageModel page, IStringLocalizer t, TimeProvider time, string? date, string? start, string? end)
    {
        var today = time.TodayInNetherlands();
        var day = DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= today && d <= today.AddYears(2) ? d : (DateOnly?)null;
        if (day is null)
        {
            page.AddError("Date", t["Error_Sessions_Date"]);
        }

        var from = ParseTime(page, t, "Start", start);
        var to = ParseTime(page, t, "End", end);
        if (from is { } f && to is { } e && e <= f)
        {
            page.AddError("End", t["Error_Sessions_EndBeforeStart"]);
        }

        if (day is { } on && from is { } begins && Skipped(on, begins))
        {
            page.AddError("Start", t["Error_Sessions_NoSuchTime"]);
        }

        else if (day is { } starts && from is { } at && Instant(starts, at) <= time.GetUtcNow())
        {
            page.AddError("Start", t["Error_Sessions_Past"]);
        }

        if (day is { } endDay && to is { } ends && Skipped(endDay, ends))
        {
            page.AddError("End", t["Error_Sessions_NoSuchTime"]);
        }

        return day is null || from is null || to is null || !page.ModelState.IsValid ? null : new Span(day.Value, from.Value, to.Value);
    }

    /// <summary>Reads a place: an address, or for an online session or event a web address. Adds a message to the page when wrong.</summary>
    public static string? ReadPlace(PageModel page, IStringLocalizer t, string? place, bool online)
    {
        page.CheckText(t, "Place", place, Data.Limits.Link, online ? "Error_Sessions_Link" : "Error_Sessions_Place");
        if (online && !string.IsNullOrWhiteSpace(place) && !Year.KnowledgeEditModel.IsWebAddress(place.Trim()))
        {
            page.AddError("Place", t["Error_Knowledge_Link"]);
            return null;
        }

        return TextRules.Clean(place);
    }

    private static TimeOnly? ParseTime(PageModel page, IStringLocalizer t, string field, string? value)
    {
        if (TimeOnly.TryParseExact(value?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return at;
        }

        page.AddError(field, t["Error_Sessions_Time"]);
        return null;
    }
}
