namespace Beans.Relay.Tests.Infrastructure;

/// <summary>What the receiver answers to one request.</summary>
public sealed record ReceiverAnswer(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null);
