namespace Beans.Relay.Mapping;

/// <summary>An event turned into the exact request Beans expects.</summary>
/// <param name="Type">The event type.</param>
/// <param name="EventId">The id the envelope carried (CloudEvents <c>id</c>), if any.</param>
/// <param name="EntityKey">The entity the event is about, such as <c>order:13207</c>.</param>
/// <param name="Hook">The hook path, such as <c>order/hook_created</c>.</param>
/// <param name="Body">The UTF-8 JSON body to POST.</param>
public sealed record MappedEvent(EventType Type, string? EventId, string EntityKey, string Hook, byte[] Body);
