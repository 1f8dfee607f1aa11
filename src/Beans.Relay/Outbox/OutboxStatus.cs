namespace Beans.Relay.Outbox;

/// <summary>Counts of the outbox's rows at one moment.</summary>
public sealed record OutboxStatus
{
    /// <summary>Rows waiting for their first attempt or a retry.</summary>
    public long Pending { get; init; }

    /// <summary>Pending rows that have failed at least once and wait for their next attempt.</summary>
    public long WaitingForRetry { get; init; }

    public long Delivered { get; init; }

    public long DeliveredLastHour { get; init; }

    public long DeliveredLastDay { get; init; }

    public long Dead { get; init; }

    public long Superseded { get; init; }

    /// <summary>When the oldest pending row was consumed (Unix milliseconds), if any is pending.</summary>
    public long? OldestPendingConsumedAt { get; init; }
}
