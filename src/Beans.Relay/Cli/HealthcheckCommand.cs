using System.CommandLine;
using Beans.Relay.Hosting;

namespace Beans.Relay.Cli;

/// <summary>
/// <c>healthcheck</c>: asks a running relay's <c>/health/live</c> whether it answers, for container
/// engines whose runtime image has no curl or wget.
/// </summary>
internal static class HealthcheckCommand
{
    public const string LivePath = "/health/live";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var url = new Option<string?>("--url")
        {
            Description = "The URL to GET; by default /health/live on the first of Ops:Urls, " +
                "asked on 127.0.0.1 when that listens on every address",
        };
        url.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string?>(), UriKind.Absolute, out _))
            {
                result.AddError($"--url must be an absolute URL, not '{result.GetValueOrDefault<string?>()}'.");
            }
        });
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long to wait for the answer",
            DefaultValueFactory = _ => DefaultTimeout,
        };
        var command = new Command(
            "healthcheck",
            "GET the relay's /health/live and exit with 0 when it answers 2xx, 1 otherwise. " +
            "For a container HEALTHCHECK.")
        {
            url,
            timeout,
        };
        command.SetAction(RelayCommandLine.WithSettings((parseResult, settings, cancellationToken) => RunAsync(
            parseResult.GetValue(url) is { } given ? new Uri(given, UriKind.Absolute) : LiveUrl(settings.OpsUrls),
            parseResult.GetValue(timeout),
            cancellationToken)));
        return command;
    }

    /// <summary>
    /// The liveness URL for the first of <paramref name="opsUrls"/> (<c>Ops:Urls</c>, separated by
    /// semicolons). A wildcard host (<c>0.0.0.0</c>, <c>*</c>, <c>+</c>, <c>[::]</c>) is asked on loopback.
    /// </summary>
    public static Uri LiveUrl(string? opsUrls)
    {
        var first = (opsUrls ?? RelayHost.DefaultOpsUrls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? RelayHost.DefaultOpsUrls;
        var hostStart = first.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = first.IndexOf('/', hostStart);
        var authority = first[hostStart..(authorityEnd < 0 ? first.Length : authorityEnd)];
        var portColon = authority.LastIndexOf(':');
        var host = portColon > authority.LastIndexOf(']') ? authority[..portColon] : authority;
        if (host is "0.0.0.0" or "*" or "+" or "[::]")
        {
            first = first[..hostStart] + "127.0.0.1" + first[(hostStart + host.Length)..];
        }

        return new Uri(new Uri(first.TrimEnd('/') + "/"), LivePath.TrimStart('/'));
    }

    private static async Task<int> RunAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return RelayCommandLine.Success;
            }

            await Console.Error.WriteLineAsync($"{url} answered HTTP {(int)response.StatusCode}.");
            return RelayCommandLine.Failure;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url} did not answer: {exception.Message}");
            return RelayCommandLine.Failure;
        }
    }
}
