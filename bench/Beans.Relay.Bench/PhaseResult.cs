namespace Beans.Relay.Bench;

/// <summary>What one publishing phase measured. Latencies are publish to receipt, in milliseconds.</summary>
internal sealed record PhaseResult(
    string Name,
    int Published,
    int Delivered,
    int Posts,
    int RepeatedPosts,
    double Seconds,
    double EventsPerSecond,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs)
{
    /// <summary>The relay's CPU seconds during the phase, when a relay process ran it.</summary>
    public double? RelayCpuSeconds { get; init; }

    public bool TimedOut { get; init; }
}
