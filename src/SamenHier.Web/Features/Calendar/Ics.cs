using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Calendar;

/// <summary>
/// Writes iCalendar (RFC 5545) with Ical.Net: times in Europe/Amsterdam with its VTIMEZONE, so a
/// calendar shows them right on both sides of a daylight-saving change; a stable UID per session or
/// event and a SEQUENCE that goes up with each change, so calendars update what they hold.
/// </summary>
public static class Ics
{
    public const string TimeZoneId = "Europe/Amsterdam";

    public const string ContentType = "text/calendar; charset=utf-8";

    public sealed record Item(string Uid, int Sequence, string Summary, string? Description, string Location, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Cancelled, string? Url, bool Tentative = false);

    public static string Write(string name, IReadOnlyCollection<Item> items, DateTimeOffset stamp)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Samen Hier//SamenHier//NL", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        var earliest = items.Count == 0 ? stamp : items.Min(i => i.StartsAt);
        calendar.AddTimeZone(TimeZoneId, earliest.UtcDateTime.AddYears(-1), false);
        foreach (var item in items)
        {
            var e = new CalendarEvent
            {
                Uid = item.Uid,
                Sequence = item.Sequence,
                Summary = item.Summary,
                Description = item.Description,
                Location = item.Location,
                DtStart = At(item.StartsAt),
                DtEnd = At(item.EndsAt),
                DtStamp = new CalDateTime(stamp.UtcDateTime, "UTC"),
                Status = item.Cancelled ? "CANCELLED" : item.Tentative ? "TENTATIVE" : "CONFIRMED",
            };
            if (item.Url is not null)
            {
                e.Url = new Uri(item.Url);
            }

            calendar.Events.Add(e);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// The instant on the Dutch clock with its zone; an instant in the second passing of the hour the
    /// clock turns back (which the local time alone would read as the first) is written in UTC.
    /// </summary>
    private static CalDateTime At(DateTimeOffset instant)
    {
        var local = instant.ToNetherlands().DateTime;
        var zone = TimeExtensions.Netherlands;
        if (zone.IsAmbiguousTime(local) && zone.GetUtcOffset(instant) != zone.GetAmbiguousTimeOffsets(local).Max())
        {
            return new CalDateTime(instant.UtcDateTime, "UTC");
        }

        return new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneId);
    }
}
