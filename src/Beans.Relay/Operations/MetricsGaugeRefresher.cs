using Beans.Relay.Delivery;
using Beans.Relay.Outbox;

namespace Beans.Relay.Operations;

/// <summary>Sets the outbox gauges from the file just before each scrape, so they are never stale.</summary>
internal sealed class MetricsGaugeRefresher(
    OutboxStore store,
    DeliveryGate gate,
    RelayMetrics metrics,
    TimeProvider timeProvider)
{
    public void Register() => metrics.Registry.AddBeforeCollectCallback(RefreshAsync);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var status = await store.GetStatusAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        metrics.Pending.Set(status.Pending);
        metrics.WaitingForRetry.Set(status.WaitingForRetry);
        metrics.DeadLetters.Set(status.Dead);
        metrics.OldestPendingAge.Set(
            status.OldestPendingConsumedAt is { } oldest ? Math.Max(0, (now - oldest) / 1000.0) : 0);
        metrics.Paused.Set(gate.IsPaused ? 1 : 0);
    }
}
