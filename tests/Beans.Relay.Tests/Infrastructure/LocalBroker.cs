using System.Diagnostics;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>Stops and starts the local RabbitMQ node with rabbitmqctl, for fault tests.</summary>
public static class LocalBroker
{
    /// <summary>Skips the calling test unless the broker is on this machine and rabbitmqctl can drive it.</summary>
    public static void RequireControl(string brokerUrl)
    {
        var host = new Uri(brokerUrl).Host;
        if (host is not ("localhost" or "127.0.0.1"))
        {
            Assert.Skip($"The broker at {host} is not on this machine; the restart test needs a local one.");
        }

        if (Run("status").ExitCode != 0)
        {
            Assert.Skip("rabbitmqctl cannot reach the local node (not installed, or not root).");
        }
    }

    public static void StopApp() => Require(Run("stop_app"));

    public static void StartApp()
    {
        Require(Run("start_app"));
        Require(Run("await_startup"));
    }

    /// <summary>
    /// The messages a queue holds, ready and unacknowledged together, as the broker itself counts
    /// them (an AMQP client only sees the ready ones).
    /// </summary>
    public static long QueueDepth(string queue)
    {
        var result = Run("-q list_queues name messages_ready messages_unacknowledged");
        Require(result);
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = line.Split('\t');
            if (columns.Length == 3 && columns[0] == queue)
            {
                return long.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture)
                    + long.Parse(columns[2], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail($"rabbitmqctl does not list the queue {queue}: {result.Output}");
        return -1;
    }

    private static (int ExitCode, string Output) Run(string command)
    {
        var start = new ProcessStartInfo("rabbitmqctl", command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }

    private static void Require((int ExitCode, string Output) result)
    {
        Assert.True(result.ExitCode == 0, "rabbitmqctl failed: " + result.Output);
    }
}
