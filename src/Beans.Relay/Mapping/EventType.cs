namespace Beans.Relay.Mapping;

/// <summary>The shop events the relay understands, one per routing key.</summary>
public enum EventType
{
    CustomerCreated,
    CustomerUpdated,
    CustomerDeleted,
    OrderCreated,
    OrderUpdated,
}
