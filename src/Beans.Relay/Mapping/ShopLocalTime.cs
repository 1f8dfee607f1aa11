namespace Beans.Relay.Mapping;

/// <summary>Gives a wall-clock time of the shop its offset, including at daylight saving transitions.</summary>
internal static class ShopLocalTime
{
    /// <summary>
    /// An ambiguous time (clocks going back) is taken as the later instant, in standard time.
    /// A skipped time (clocks going forward) is moved forward by the gap: 02:30 in a gap of one hour
    /// becomes 03:30 in summer time, the instant a clock that did not jump would show.
    /// </summary>
    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(unspecified))
        {
            return new DateTimeOffset(unspecified, zone.GetAmbiguousTimeOffsets(unspecified).Min());
        }

        if (zone.IsInvalidTime(unspecified))
        {
            return ShiftOverGap(unspecified, zone);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static DateTimeOffset ShiftOverGap(DateTime local, TimeZoneInfo zone)
    {
        // The offset in force just before the gap; the gap never lasts more than a day.
        var before = zone.GetUtcOffset(local.AddDays(-1));
        var instant = new DateTimeOffset(local - before, TimeSpan.Zero);
        return TimeZoneInfo.ConvertTime(instant, zone);
    }
}
