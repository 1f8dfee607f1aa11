using System.Collections.Concurrent;
using System.Diagnostics;
using RabbitMQ.Client;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>
/// The relay as a real child process (<c>dotnet Beans.Relay.dll</c>), configured by environment
/// variables as a container would configure it, with its output captured. For tests of what only a
/// process shows: signals, exit codes, a published build.
/// </summary>
public sealed class RelayProcess : IAsyncDisposable
{
    private const string ListeningMarker = "Now listening on: ";
    private const string StartedMarker = "Application started.";

    /// <summary>Configuration sections whose inherited environment variables a child must not see.</summary>
    private static readonly string[] RelaySections = ["RabbitMq__", "Beans__", "Outbox__", "Delivery__", "Shop__", "Ops__"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private RelayProcess(Process process) => _process = process;

    /// <summary>The relay built beside the tests: <c>src/Beans.Relay/bin/&lt;Configuration&gt;/net10.0</c>.</summary>
    public static string BuiltDll
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            return Path.Combine(RepositoryRoot, "src", "Beans.Relay", "bin", configuration, framework, "Beans.Relay.dll");
        }
    }

    /// <summary>The folder that holds <c>Beans.Relay.sln</c>.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Beans.Relay.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException("Beans.Relay.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The dotnet host running the tests, so that the child uses the same runtime.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
        ? host
        : "dotnet";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output and standard error so far, one line each, in arrival order.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c> in the dll's folder, with
    /// <paramref name="settings"/> (<c>Section:Key</c>) as environment variables (<c>Section__Key</c>).
    /// </summary>
    public static RelayProcess Start(
        string dll,
        IEnumerable<KeyValuePair<string, string>> settings,
        params string[] args)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the relay first: no " + dll, dll);
        }

        var info = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(IsRelaySetting).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var relay = new RelayProcess(process);
        process.OutputDataReceived += (_, line) => relay.Append(line.Data);
        process.ErrorDataReceived += (_, line) => relay.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return relay;
    }

    /// <summary>
    /// Waits until the host says it started and the relay consumes <paramref name="queue"/> (a restarted
    /// relay finds its durable queue already there, so the queue's existence alone proves nothing).
    /// </summary>
    public async Task WaitUntilConsumingAsync(string brokerUrl, string queue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await WaitForOutputAsync(StartedMarker, timeout);
        var factory = new ConnectionFactory { Uri = new Uri(brokerUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        while (true)
        {
            ThrowIfExited();
            try
            {
                await using var channel = await connection.CreateChannelAsync();
                if (await channel.ConsumerCountAsync(queue) > 0)
                {
                    return;
                }
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // The queue is not declared yet; the channel is closed and a new one is opened.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The relay did not consume {queue} within {timeout}. Its output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Where the ops endpoints listen, from the host's own log line.</summary>
    public async Task<Uri> GetOpsAddressAsync(TimeSpan timeout)
    {
        var line = await WaitForOutputAsync(ListeningMarker, timeout);
        return new Uri(line[(line.IndexOf(ListeningMarker, StringComparison.Ordinal) + ListeningMarker.Length)..].Trim());
    }

    /// <summary>Waits for an output line containing <paramref name="text"/> and returns it.</summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            ThrowIfExited();
            try
            {
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200), cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The relay did not write \"{text}\" within {timeout}. Its output:\n{Output}");
            }
        }
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> does, and returns the exit code.</summary>
    /// <remarks>Fails the test when the process is still running after <paramref name="timeout"/>, and kills it.</remarks>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or an out-of-memory kill would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end by itself and returns its exit code, or fails the test.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            Assert.Fail($"The relay did not exit within {timeout}; it was killed. Its output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _lineArrived.Dispose();
    }

    private static bool IsRelaySetting(string name) =>
        RelaySections.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        _lineArrived.Release();
    }

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            Assert.Fail($"The relay exited with {_process.ExitCode}. Its output:\n{Output}");
        }
    }
}
