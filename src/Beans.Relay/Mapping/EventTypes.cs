using System.Diagnostics.CodeAnalysis;

namespace Beans.Relay.Mapping;

/// <summary>Routing keys, Beans hooks and entity kinds of each <see cref="EventType"/>.</summary>
public static class EventTypes
{
    /// <summary>Every routing key the relay accepts, in a stable order.</summary>
    public static IReadOnlyList<string> RoutingKeys { get; } =
        ["customer.created", "customer.updated", "customer.deleted", "order.created", "order.updated"];

    public static string ToRoutingKey(this EventType type) => type switch
    {
        EventType.CustomerCreated => "customer.created",
        EventType.CustomerUpdated => "customer.updated",
        EventType.CustomerDeleted => "customer.deleted",
        EventType.OrderCreated => "order.created",
        EventType.OrderUpdated => "order.updated",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type."),
    };

    /// <summary>The Beans hook path, relative to the configured base URL.</summary>
    public static string ToHook(this EventType type) => type switch
    {
        EventType.CustomerCreated or EventType.CustomerUpdated => BeansHooks.CustomerCreated,
        EventType.CustomerDeleted => BeansHooks.CustomerDeleted,
        EventType.OrderCreated or EventType.OrderUpdated => BeansHooks.OrderCreated,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown event type."),
    };

    /// <summary>"customer" or "order": events of one entity are delivered in order.</summary>
    public static string EntityKind(this EventType type) =>
        type is EventType.OrderCreated or EventType.OrderUpdated ? "order" : "customer";

    /// <summary>True for events whose newer instance fully replaces an older one of the same entity.</summary>
    public static bool IsUpsert(this EventType type) => type != EventType.CustomerDeleted;

    /// <summary>Parses a routing key such as <c>order.created</c>, ignoring case.</summary>
    public static bool TryParse(string? routingKey, [NotNullWhen(true)] out EventType? type)
    {
        type = routingKey?.Trim().ToLowerInvariant() switch
        {
            "customer.created" => EventType.CustomerCreated,
            "customer.updated" => EventType.CustomerUpdated,
            "customer.deleted" => EventType.CustomerDeleted,
            "order.created" => EventType.OrderCreated,
            "order.updated" => EventType.OrderUpdated,
            _ => null,
        };
        return type is not null;
    }
}
