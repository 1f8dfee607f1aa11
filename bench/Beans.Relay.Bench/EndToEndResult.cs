namespace Beans.Relay.Bench;

/// <summary>The relay's two publishing phases and its memory.</summary>
internal sealed record EndToEndResult(
    PhaseResult Full,
    PhaseResult Paced,
    double? IdleRssMb,
    double? PeakRssMb,
    double? CpuSeconds);
