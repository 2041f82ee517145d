using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SamenHier.Web.Data;

/// <summary>Stores an instant as UTC ticks; reads it back as UTC. Order in SQL is order in time.</summary>
public sealed class DateTimeOffsetToBinaryConverterUtc() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
