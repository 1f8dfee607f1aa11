namespace Beans.Relay.Tests.Infrastructure;

/// <summary>What the receiver answers to one request.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The response body, if any.</param>
/// <param name="Headers">Response headers, if any.</param>
/// <param name="BodyStall">
/// When set, the receiver sends the headers and the body's first byte, then waits this long.
/// </param>
/// <param name="HangForever">
/// When true, the receiver reads the request and then never answers, until the client gives up.
/// </param>
public sealed record ReceiverAnswer(
    int Status,
    string? Body = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan? BodyStall = null,
    bool HangForever = false)
{
    /// <summary>Accepts the request and never answers it: a Beans that hangs.</summary>
    public static ReceiverAnswer Hang { get; } = new(0, HangForever: true);
}
