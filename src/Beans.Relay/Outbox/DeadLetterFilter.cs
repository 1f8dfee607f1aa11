namespace Beans.Relay.Outbox;

/// <summary>Which dead letters a list, replay or purge applies to; null fields match everything.</summary>
/// <param name="Ids">Exact row ids, or null for any.</param>
/// <param name="EventType">The routing key form of the type, such as <c>order.created</c>.</param>
/// <param name="Since">Only dead letters given up on at or after this moment.</param>
public sealed record DeadLetterFilter(
    IReadOnlyCollection<long>? Ids = null,
    string? EventType = null,
    DateTimeOffset? Since = null)
{
    /// <summary>Every dead letter.</summary>
    public static DeadLetterFilter All { get; } = new();

    /// <summary>The SQL condition (on alias-free <c>outbox</c> columns) for <see cref="Parameters"/>.</summary>
    internal string Where =>
        "state = 2"
        + (Ids is null ? string.Empty : " AND id IN (SELECT value FROM json_each(@Ids))")
        + (EventType is null ? string.Empty : " AND event_type = @EventType")
        + (Since is null ? string.Empty : " AND completed_at >= @Since");

    internal object Parameters => new
    {
        Ids = Ids is null ? "[]" : System.Text.Json.JsonSerializer.Serialize(Ids),
        EventType,
        Since = Since?.ToUnixTimeMilliseconds() ?? 0,
    };
}
