using Beans.Relay.Outbox;

namespace Beans.Relay.Operations;

/// <summary>The figures of <c>status --json</c> and <c>/api/status</c>.</summary>
public sealed record StatusReport(OutboxStatus Outbox, double? OldestPendingAgeSeconds, RelayView Relay)
{
    public static StatusReport From(OutboxStatus status, RelaySnapshot relay, DateTimeOffset now)
    {
        double? oldestAge = status.OldestPendingConsumedAt is { } oldest
            ? Math.Max(0, (now.ToUnixTimeMilliseconds() - oldest) / 1000.0)
            : null;
        var view = relay.IsFresh(now, RelayStateStore.StaleAfter)
            ? new RelayView(true, relay.Paused, relay.PauseReason, relay.ConsumerConnected, relay.HeartbeatAt)
            : new RelayView(false, null, null, null, relay.HeartbeatAt);
        return new StatusReport(status, oldestAge, view);
    }
}
