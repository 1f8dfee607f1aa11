using System.Collections.Concurrent;
using System.Diagnostics;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>
/// The built relay run as a child process (<c>dotnet Beans.Relay.dll</c>), configured by
/// environment variables.
/// </summary>
public sealed class RelayProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();

    private RelayProcess(Process process) => _process = process;

    /// <summary>The relay's output so far (its last lines), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _lastLines);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the relay with <paramref name="settings"/> given as <c>Section__Key</c> variables.</summary>
    public static RelayProcess Start(IEnumerable<KeyValuePair<string, string>> settings, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RelayDll());
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var relay = new RelayProcess(process);
        process.OutputDataReceived += (_, line) => relay.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => relay.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return relay;
    }

    /// <summary>Kills the relay and everything it started, as <c>kill -9</c> would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>The relay built beside this test assembly, in the same configuration.</summary>
    private static string RelayDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var framework = testBin.Name;
        for (var folder = testBin; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Beans.Relay.sln")))
            {
                return Path.Combine(
                    folder.FullName, "src", "Beans.Relay", "bin", configuration, framework, "Beans.Relay.dll");
            }
        }

        throw new InvalidOperationException("Beans.Relay.sln not found above " + AppContext.BaseDirectory);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lastLines.Enqueue(line);
        while (_lastLines.Count > 40)
        {
            _lastLines.TryDequeue(out _);
        }
    }
}
