namespace Beans.Relay.Outbox;

/// <summary>What the running relay last wrote about itself into <c>relay_state</c>.</summary>
/// <param name="HeartbeatAt">When it last wrote, or null if it never did.</param>
/// <param name="Paused">Whether delivery is paused because Beans refuses the key.</param>
/// <param name="PauseReason">Why, when paused.</param>
/// <param name="ConsumerConnected">Whether its broker consumer is connected.</param>
public sealed record RelaySnapshot(
    DateTimeOffset? HeartbeatAt,
    bool? Paused,
    string? PauseReason,
    bool? ConsumerConnected)
{
    public static RelaySnapshot None { get; } = new(null, null, null, null);

    /// <summary>Whether the heartbeat is recent enough to believe the rest.</summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan staleAfter) =>
        HeartbeatAt is { } at && now - at <= staleAfter;
}
