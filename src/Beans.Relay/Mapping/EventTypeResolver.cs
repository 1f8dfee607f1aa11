namespace Beans.Relay.Mapping;

/// <summary>Decides the event type from the routing key and the CloudEvents <c>type</c>; both must agree.</summary>
internal static class EventTypeResolver
{
    public const string RoutingKeyField = "routing_key";
    public const string TypeField = "type";

    public static EventType Resolve(string? routingKey, CloudEventEnvelope? envelope)
    {
        EventType? fromEnvelope = envelope is null ? null : FromCloudEventType(envelope.Type);
        EventType? fromKey = string.IsNullOrWhiteSpace(routingKey) ? null : FromRoutingKey(routingKey);
        if (fromEnvelope is { } a && fromKey is { } b && a != b)
        {
            var reason = $"{Rejections.Quote(envelope!.Type)} disagrees with the routing key "
                + Rejections.Quote(routingKey!);
            throw new EventRejectedException(TypeField, reason);
        }

        return fromEnvelope ?? fromKey ?? throw new EventRejectedException(
            TypeField, "no event type: give a routing key or a CloudEvents envelope");
    }

    /// <summary>Takes the last two segments: <c>com.example.shop.order.created</c> is <c>order.created</c>.</summary>
    private static EventType FromCloudEventType(string type)
    {
        var segments = type.Split('.');
        var shortType = segments.Length < 2 ? type : $"{segments[^2]}.{segments[^1]}";
        return EventTypes.TryParse(shortType, out var parsed)
            ? parsed.Value
            : throw Unknown(TypeField, type);
    }

    private static EventType FromRoutingKey(string routingKey) => EventTypes.TryParse(routingKey, out var parsed)
        ? parsed.Value
        : throw Unknown(RoutingKeyField, routingKey);

    private static EventRejectedException Unknown(string field, string type) => new(
        field,
        $"unknown event type {Rejections.Quote(type)}; expected one of {string.Join(", ", EventTypes.RoutingKeys)}");
}
