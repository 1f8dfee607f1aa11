namespace Beans.Relay.Outbox;

/// <summary>Where a row stands; stored as its number.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending = 0,

    /// <summary>Beans accepted it.</summary>
    Delivered = 1,

    /// <summary>Given up on; waits for ops to replay or purge it.</summary>
    Dead = 2,

    /// <summary>Never sent: a newer upsert of the same entity carries its data.</summary>
    Superseded = 3,
}
