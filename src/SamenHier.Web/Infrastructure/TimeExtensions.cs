namespace SamenHier.Web.Infrastructure;

public static class TimeExtensions
{
    /// <summary>The programme's time zone: dates people see and type are Dutch dates.</summary>
    public static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset NowInNetherlands(this TimeProvider time) =>
        TimeZoneInfo.ConvertTime(time.GetUtcNow(), Netherlands);

    public static DateOnly TodayInNetherlands(this TimeProvider time) =>
        DateOnly.FromDateTime(time.NowInNetherlands().DateTime);

    public static DateTimeOffset ToNetherlands(this DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Netherlands);
}
