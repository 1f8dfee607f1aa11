namespace Beans.Relay.Operations;

/// <summary>The ops endpoints (<c>Ops</c> section).</summary>
public sealed class OpsOptions
{
    public const string SectionName = "Ops";
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Where health, metrics, the API and the dashboard listen.</summary>
    public string Urls { get; set; } = Hosting.RelayHost.DefaultOpsUrls;

    /// <summary>
    /// The key that <c>/api</c> callers send in <c>X-Api-Key</c>. Empty means no key: the API then
    /// answers loopback callers only.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;
}
