namespace Beans.Relay.Outbox;

/// <summary>What one delivery attempt did to its row.</summary>
public enum AttemptResult
{
    /// <summary>Beans accepted the event.</summary>
    Delivered,

    /// <summary>A transient failure: try again at the given time.</summary>
    RetryLater,

    /// <summary>A permanent failure, or the schedule ran out.</summary>
    Dead,

    /// <summary>Beans refused the key: the row waits, unharmed, for delivery to resume.</summary>
    Held,
}
