namespace Beans.Relay.Outbox;

/// <summary>One stored event, as the <c>outbox</c> table holds it. Times are Unix milliseconds.</summary>
public sealed class OutboxRow
{
    public long Id { get; init; }

    public string EventId { get; init; } = string.Empty;

    /// <summary>The routing key form, such as <c>order.created</c>.</summary>
    public string EventType { get; init; } = string.Empty;

    public string EntityKey { get; init; } = string.Empty;

    public string Hook { get; init; } = string.Empty;

    /// <summary>The exact JSON to POST.</summary>
    public string Body { get; init; } = string.Empty;

    public OutboxState State { get; init; }

    public int Attempts { get; init; }

    public long ConsumedAt { get; init; }

    public long NextAttemptAt { get; init; }

    public long? FirstAttemptAt { get; init; }

    public long? LastAttemptAt { get; init; }

    public int? LastStatus { get; init; }

    public string? LastError { get; init; }

    public string? ResponseExcerpt { get; init; }

    public long? CompletedAt { get; init; }
}
