namespace Beans.Relay.Bench;

/// <summary>One event of a run: its sequence number, entity, routing key and body.</summary>
internal sealed record ShopEvent(int Sequence, int Entity, string RoutingKey, string MessageId, byte[] Body);
