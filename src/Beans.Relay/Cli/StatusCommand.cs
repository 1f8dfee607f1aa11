using System.CommandLine;
using System.Text.Json;
using Beans.Relay.Operations;
using Beans.Relay.Outbox;

namespace Beans.Relay.Cli;

/// <summary><c>status</c>: the outbox's figures and the relay's state, read from the SQLite file.</summary>
internal static class StatusCommand
{
    private const string NotRunning = "unknown (relay not running)";

    public static Command Create(Func<IReadOnlyList<string>, CliContext> context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of lines of text" };
        var command = new Command(
            "status",
            "Show pending rows (and those waiting for a retry), deliveries in the last hour and day, dead letters, " +
            "the oldest pending row's age, and whether delivery is paused and the consumer connected (from the " +
            "running relay's heartbeat). Works while the relay runs.")
        {
            json,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(
                context(parseResult.UnmatchedTokens),
                CliOutput.Of(parseResult),
                parseResult.GetValue(json),
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context,
        CliOutput output,
        bool json,
        CancellationToken cancellationToken)
    {
        if (!context.OutboxExists)
        {
            return await output.NoOutboxAsync(context);
        }

        var (_, state, outbox, writer) = context.OpenOperations();
        await using (writer)
        {
            var status = await outbox.GetStatusAsync(cancellationToken);
            var relay = await state.ReadAsync(cancellationToken);
            var report = StatusReport.From(status, relay, DateTimeOffset.UtcNow);
            if (json)
            {
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(report, DeadLetterView.Json));
            }
            else
            {
                await PrintAsync(output.Out, report);
            }
        }

        return RelayCommandLine.Success;
    }

    private static async Task PrintAsync(TextWriter output, StatusReport report)
    {
        var status = report.Outbox;
        var relay = report.Relay;
        await output.WriteLineAsync($"pending:              {status.Pending}");
        await output.WriteLineAsync($"  waiting for retry:  {status.WaitingForRetry}");
        await output.WriteLineAsync($"delivered:            {status.Delivered}");
        await output.WriteLineAsync($"  in the last hour:   {status.DeliveredLastHour}");
        await output.WriteLineAsync($"  in the last day:    {status.DeliveredLastDay}");
        await output.WriteLineAsync($"dead letters:         {status.Dead}");
        await output.WriteLineAsync($"superseded:           {status.Superseded}");
        await output.WriteLineAsync(report.OldestPendingAgeSeconds is { } age
            ? $"oldest pending age:   {TimeSpan.FromSeconds(Math.Round(age))}"
            : "oldest pending age:   none pending");
        await output.WriteLineAsync(!relay.Running
            ? $"paused:               {NotRunning}"
            : relay.Paused == true ? $"paused:               yes: {relay.PauseReason}" : "paused:               no");
        await output.WriteLineAsync(!relay.Running
            ? $"consumer connected:   {NotRunning}"
            : $"consumer connected:   {(relay.ConsumerConnected == true ? "yes" : "no")}");
    }
}
