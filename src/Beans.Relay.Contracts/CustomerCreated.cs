namespace Beans.Relay.Contracts;

/// <summary>Published by a shop when a customer was created.</summary>
public sealed record CustomerCreated(Customer Customer);
