namespace Beans.Relay.Bench.Baseline;

/// <summary>The HTTP client the baseline consumer posts with, pointed at the receiver.</summary>
public sealed class BaselineTarget(HttpClient client)
{
    public HttpClient Client { get; } = client;
}
