namespace Beans.Relay.Outbox;

/// <summary>An accepted event on its way into the outbox.</summary>
/// <param name="EventId">The id that makes a redelivered message one row, not two.</param>
/// <param name="EventType">The routing key form of the type.</param>
/// <param name="EntityKey">The entity whose events are delivered in order.</param>
/// <param name="Hook">The Beans hook path.</param>
/// <param name="Body">The JSON to POST.</param>
/// <param name="IsUpsert">Whether a newer event of the entity may replace this one while it waits.</param>
public sealed record NewOutboxEvent(
    string EventId,
    string EventType,
    string EntityKey,
    string Hook,
    string Body,
    bool IsUpsert);
