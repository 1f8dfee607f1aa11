using System.Diagnostics;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>A small tmpfs the test mounts for the outbox, to fill up or make read-only.</summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    private string FillerPath => System.IO.Path.Combine(Path, "filler");

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MB, or skips the test when mounting is not permitted.</summary>
    public static SmallDisk MountOrSkip(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("beans-relay-disk-").FullName;
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (exitCode != 0)
        {
            Directory.Delete(path);
            Assert.Skip($"Cannot mount a small filesystem here (mount said: {output.Trim()}); the test needs root.");
        }

        return new SmallDisk(path);
    }

    /// <summary>Writes a file until the disk has no space left.</summary>
    public void Fill()
    {
        using var filler = new FileStream(FillerPath, FileMode.Create, FileAccess.Write);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // No space left on the device: full, as wanted.
        }
    }

    public void Free() => File.Delete(FillerPath);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Still busy; the temp folder is cleaned by the OS.
        }
    }

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }
}
