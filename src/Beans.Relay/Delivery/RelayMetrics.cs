using Beans.Relay.Outbox;
using Prometheus;

namespace Beans.Relay.Delivery;

/// <summary>The relay's Prometheus figures, kept in a registry of its own.</summary>
public sealed class RelayMetrics
{
    private static readonly double[] LatencyBuckets =
        [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400];

    private readonly Counter _consumed;
    private readonly Counter _rejected;
    private readonly Counter _delivered;
    private readonly Counter _retried;
    private readonly Counter _deadLettered;
    private readonly Histogram _latency;

    public RelayMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _consumed = factory.CreateCounter(
            "beans_relay_events_consumed_total", "Events accepted from the broker into the outbox.", "type");
        _rejected = factory.CreateCounter(
            "beans_relay_events_rejected_total", "Events rejected as unmappable and sent to the error queue.", "type");
        _delivered = factory.CreateCounter(
            "beans_relay_events_delivered_total", "Events Beans accepted.", "type", "status_class");
        _retried = factory.CreateCounter(
            "beans_relay_delivery_retries_total", "Failed attempts that will be tried again.", "type", "status_class");
        _deadLettered = factory.CreateCounter(
            "beans_relay_events_dead_lettered_total", "Events given up on.", "type", "status_class");
        _latency = factory.CreateHistogram(
            "beans_relay_delivery_latency_seconds",
            "Time from consuming an event to Beans accepting it.",
            new HistogramConfiguration { LabelNames = ["type"], Buckets = LatencyBuckets });
        Pending = factory.CreateGauge("beans_relay_outbox_pending", "Rows waiting for delivery.");
        WaitingForRetry = factory.CreateGauge(
            "beans_relay_outbox_waiting_for_retry",
            "Pending rows that failed before.");
        DeadLetters = factory.CreateGauge("beans_relay_outbox_dead_letters", "Dead letters waiting for ops.");
        OldestPendingAge = factory.CreateGauge(
            "beans_relay_outbox_oldest_pending_age_seconds", "Age of the oldest pending row; 0 when none.");
        Paused = factory.CreateGauge("beans_relay_delivery_paused", "1 while Beans refuses the secret key.");
    }

    /// <summary>The registry that <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    public Gauge Pending { get; }

    public Gauge WaitingForRetry { get; }

    public Gauge DeadLetters { get; }

    public Gauge OldestPendingAge { get; }

    public Gauge Paused { get; }

    public void Consumed(string eventType) => _consumed.WithLabels(eventType).Inc();

    public void Rejected(string eventType) => _rejected.WithLabels(eventType).Inc();

    public void Delivered(OutboxRow row, int status, DateTimeOffset now)
    {
        _delivered.WithLabels(row.EventType, StatusClass(status)).Inc();
        var seconds = (now.ToUnixTimeMilliseconds() - row.ConsumedAt) / 1000.0;
        _latency.WithLabels(row.EventType).Observe(Math.Max(0, seconds));
    }

    public void Retried(OutboxRow row, int status) => _retried.WithLabels(row.EventType, StatusClass(status)).Inc();

    public void DeadLettered(OutboxRow row, int status) =>
        _deadLettered.WithLabels(row.EventType, StatusClass(status)).Inc();

    /// <summary>"2xx", "4xx", "5xx" ..., or "none" when no response came.</summary>
    public static string StatusClass(int status) => status <= 0 ? "none" : $"{status / 100}xx";
}
