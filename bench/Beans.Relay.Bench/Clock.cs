using System.Diagnostics;

namespace Beans.Relay.Bench;

/// <summary>One monotonic clock for publish and receipt times, both taken in the bench process.</summary>
internal static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}
