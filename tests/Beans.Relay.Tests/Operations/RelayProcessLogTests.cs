using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Operations;

/// <summary>The built relay run as a process, as an operator runs it, with its console logs read back.</summary>
[Collection(BrokerCollection.Name)]
public sealed class RelayProcessLogTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task ConsoleLogs_WithTheJsonFormatter_AreJsonLines_AndNeverHoldTheSecretKey()
    {
        await using var relay = await RelayUnderTest.StartAsync(broker);
        await relay.StopHostAsync();
        relay.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(422, """{"error": {"code": "invalid"}}"""));
        var lines = new ConcurrentQueue<string>();
        using var process = StartRelayProcess(relay, lines);

        try
        {
            await relay.PublishAsync("customer.created", SharedSamples.ReadText("beans/customer.json"), messageId: "logged-1");
            await OpsTestSupport.WaitForCountAsync(relay.DatabasePath, "state = 2", 1);
        }
        finally
        {
            await StopAsync(process);
        }

        var output = lines.Where(line => line.Length > 0).ToList();
        Assert.NotEmpty(output);
        var entries = output.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.All(entries, entry => Assert.True(entry.TryGetProperty("LogLevel", out _)));
        Assert.Contains(entries, entry => entry.GetProperty("EventId").GetInt32() == 202
            && entry.GetProperty("State").GetProperty("EventId").GetString() == "logged-1");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + RelayUnderTest.SecretKey));
        Assert.All(output, line => Assert.DoesNotContain(RelayUnderTest.SecretKey, line, StringComparison.Ordinal));
        Assert.All(output, line => Assert.DoesNotContain(basic, line, StringComparison.Ordinal));
    }

    private static Process StartRelayProcess(RelayUnderTest relay, ConcurrentQueue<string> lines)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = relay.Folder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Beans.Relay.dll"));
        foreach (var setting in relay.Settings)
        {
            start.ArgumentList.Add($"--{setting.Key}={setting.Value}");
        }

        start.ArgumentList.Add("--Logging:Console:FormatterName=json");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => lines.Enqueue(line.Data ?? string.Empty);
        process.ErrorDataReceived += (_, line) => lines.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await terminate.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
