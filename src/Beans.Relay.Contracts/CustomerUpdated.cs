namespace Beans.Relay.Contracts;

/// <summary>Published by a shop when a customer was updated.</summary>
public sealed record CustomerUpdated(Customer Customer);
