using System.CommandLine;
using System.Text.Json;
using Beans.Relay.Outbox;

namespace Beans.Relay.Cli;

/// <summary><c>status</c>: counts of the outbox's rows, read from the SQLite file.</summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of lines of text" };
        var command = new Command(
            "status",
            "Show the outbox's pending, delivered and dead (failed) rows and the age of the oldest pending one. " +
            "Works while the relay runs.")
        {
            json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool json, CancellationToken cancellationToken)
    {
        var context = new CliContext();
        if (!context.OutboxExists)
        {
            await Console.Error.WriteLineAsync(
                $"No outbox at {context.Outbox.FullDatabasePath}: the relay has not run with this Outbox:DatabasePath.");
            return RelayCommandLine.Failure;
        }

        var (store, writer) = context.OpenOutbox();
        await using (writer)
        {
            var status = await store.GetStatusAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            double? oldestAge = status.OldestPendingConsumedAt is { } oldest
                ? Math.Max(0, (now.ToUnixTimeMilliseconds() - oldest) / 1000.0)
                : null;
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new StatusReport(status, oldestAge), Json));
            }
            else
            {
                Print(status, oldestAge);
            }
        }

        return RelayCommandLine.Success;
    }

    private static void Print(OutboxStatus status, double? oldestAgeSeconds)
    {
        Console.WriteLine($"pending:              {status.Pending}");
        Console.WriteLine($"  waiting for retry:  {status.WaitingForRetry}");
        Console.WriteLine($"delivered:            {status.Delivered}");
        Console.WriteLine($"  in the last hour:   {status.DeliveredLastHour}");
        Console.WriteLine($"  in the last day:    {status.DeliveredLastDay}");
        Console.WriteLine($"failed (dead):        {status.Dead}");
        Console.WriteLine($"superseded:           {status.Superseded}");
        Console.WriteLine(oldestAgeSeconds is { } age
            ? $"oldest pending age:   {TimeSpan.FromSeconds(Math.Round(age))}"
            : "oldest pending age:   none pending");
    }

    private sealed record StatusReport(OutboxStatus Outbox, double? OldestPendingAgeSeconds);
}
