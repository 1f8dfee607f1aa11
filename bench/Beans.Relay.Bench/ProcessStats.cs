using System.Globalization;

namespace Beans.Relay.Bench;

/// <summary>Memory and CPU of a process, from <c>/proc</c> (Linux).</summary>
internal static class ProcessStats
{
    private const double ClockTicksPerSecond = 100;

    /// <summary>Peak resident set size (VmHWM) in megabytes, or null when it cannot be read.</summary>
    public static double? PeakRssMb(int pid) => StatusKilobytes(pid, "VmHWM:") / 1024.0;

    /// <summary>Current resident set size (VmRSS) in megabytes.</summary>
    public static double? RssMb(int pid) => StatusKilobytes(pid, "VmRSS:") / 1024.0;

    /// <summary>User plus system CPU seconds so far.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: field 3 is the state; utime and stime are fields 14 and 15.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture)
                + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / ClockTicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? StatusKilobytes(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status")
                .FirstOrDefault(text => text.StartsWith(key, StringComparison.Ordinal));
            return line is null
                ? null
                : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
