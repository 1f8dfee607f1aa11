namespace Beans.Relay.Contracts;

/// <summary>Published by a shop when an order was updated.</summary>
public sealed record OrderUpdated(Order Order);
