namespace Beans.Relay.Contracts;

/// <summary>Published by a shop when an order was created.</summary>
public sealed record OrderCreated(Order Order);
