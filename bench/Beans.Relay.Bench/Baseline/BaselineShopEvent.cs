namespace Beans.Relay.Bench.Baseline;

/// <summary>
/// The shop event as the baseline's raw JSON deserializer sees it; only the id is read, the body
/// is posted as received.
/// </summary>
public sealed record BaselineShopEvent(long Id);
