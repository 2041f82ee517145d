namespace SamenHier.Web.Features.Donations;

/// <summary>
/// The days a SEPA collection can take place: TARGET2 business days (not Saturday or Sunday, New
/// Year's Day, Good Friday, Easter Monday, 1 May, Christmas Day or 26 December).
/// </summary>
public static class CollectionDays
{
    public static bool IsBusinessDay(DateOnly day)
    {
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        if ((day.Month, day.Day) is (1, 1) or (5, 1) or (12, 25) or (12, 26))
        {
            return false;
        }

        var easter = EasterSunday(day.Year);
        return day != easter.AddDays(-2) && day != easter.AddDays(1);
    }

    /// <summary>The earliest collection date for a file made today: <paramref name="leadDays"/> business days after today.</summary>
    public static DateOnly Earliest(DateOnly today, int leadDays)
    {
        var day = today;
        for (var counted = 0; counted < leadDays;)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
