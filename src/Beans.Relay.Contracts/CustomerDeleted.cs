namespace Beans.Relay.Contracts;

/// <summary>Published by a shop when a customer was deleted.</summary>
public sealed record CustomerDeleted(Customer Customer);
