namespace Beans.Relay.Operations;

/// <summary>The relay process as its heartbeat tells it; the flags are null when it is not running.</summary>
public sealed record RelayView(
    bool Running,
    bool? Paused,
    string? PauseReason,
    bool? ConsumerConnected,
    DateTimeOffset? HeartbeatAt);
