using System.Diagnostics;

namespace Beans.Relay.Bench;

/// <summary>
/// The published relay run as its own process, as deployed, with its own exchange, queue and
/// SQLite file; its output goes to a log file beside the database.
/// </summary>
internal sealed class RelayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RelayProcess(Process process, string logPath, long startedAt)
    {
        _process = process;
        LogPath = logPath;
        StartedAt = startedAt;
    }

    public int Id => _process.Id;

    public string LogPath { get; }

    /// <summary>When the process was started, on <see cref="Clock"/>.</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public static RelayProcess Start(
        BenchSettings settings,
        string receiverBaseUrl,
        string exchange,
        string queue,
        string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath)!;
        var logPath = Path.Combine(folder, queue + ".log");
        var apphost = Path.Combine(settings.RelayDirectory, "Beans.Relay");
        var command = File.Exists(apphost)
            ? Quote(apphost)
            : "dotnet " + Quote(Path.Combine(settings.RelayDirectory, "Beans.Relay.dll"));
        var start = new ProcessStartInfo("/bin/sh")
        {
            // exec keeps the pid, so /proc/<pid> is the relay itself.
            ArgumentList = { "-c", $"exec {command} >{Quote(logPath)} 2>&1" },
            WorkingDirectory = folder,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["RabbitMq__Url"] = settings.BrokerUrl;
        environment["RabbitMq__Exchange"] = exchange;
        environment["RabbitMq__Queue"] = queue;
        environment["Beans__BaseUrl"] = receiverBaseUrl;
        environment["Beans__SecretKey"] = "sk_bench_" + Guid.NewGuid().ToString("N")[..12];
        environment["Outbox__DatabasePath"] = databasePath;
        environment["Ops__Urls"] = "http://127.0.0.1:0";
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["DOTNET_ENVIRONMENT"] = "Production";

        var startedAt = Clock.Now;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The relay did not start.");
        return new RelayProcess(process, logPath, startedAt);
    }

    /// <summary>The queues the relay declares, for cleaning up.</summary>
    public static IEnumerable<string> QueuesOf(string queue) =>
    [
        queue,
        queue + "_error",
        queue + "_skipped",
        queue + "-contracts",
        queue + "-contracts_error",
        queue + "-contracts_skipped",
    ];

    public string LogTail()
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogPath).TakeLast(20));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
