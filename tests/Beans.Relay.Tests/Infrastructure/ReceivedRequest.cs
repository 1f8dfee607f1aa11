namespace Beans.Relay.Tests.Infrastructure;

/// <summary>One POST the receiver got.</summary>
public sealed record ReceivedRequest(string Hook, string Authorization, string ContentType, string Body, DateTimeOffset At);
