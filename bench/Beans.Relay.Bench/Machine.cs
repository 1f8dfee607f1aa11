namespace Beans.Relay.Bench;

/// <summary>A one-line description of the machine a run was made on.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var model = ReadFirst("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memory = ReadFirst("/proc/meminfo", "MemTotal") ?? "unknown memory";
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        return $"{Environment.ProcessorCount} CPUs, {model}, MemTotal {memory}, loadavg at start {load}";
    }

    private static string? ReadFirst(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(text => text.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
