using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Beans.Relay.Operations;

namespace Beans.Relay.Cli;

/// <summary><c>dead-letters show</c>: everything stored about one row, the Beans body included.</summary>
internal static class DeadLettersShowCommand
{
    private static readonly JsonSerializerOptions Indented = new(DeadLetterView.Json) { WriteIndented = true };

    public static Command Create(Func<IReadOnlyList<string>, CliContext> context)
    {
        var id = new Argument<long>("id")
        {
            Description = "The dead letter's id (the first column of dead-letters list)",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object (the body as JSON) instead of text",
        };
        var command = new Command(
            "show",
            "Show one dead letter: its event, every recorded outcome and the body to POST.")
        {
            id,
            json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context(parseResult.UnmatchedTokens),
            CliOutput.Of(parseResult),
            parseResult.GetValue(id),
            parseResult.GetValue(json),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context,
        CliOutput output,
        long id,
        bool json,
        CancellationToken cancellationToken)
    {
        if (!context.OutboxExists)
        {
            return await output.NoOutboxAsync(context);
        }

        var (store, _, _, writer) = context.OpenOperations();
        await using (writer)
        {
            var row = await store.GetAsync(id, cancellationToken);
            if (row is null)
            {
                await output.Error.WriteLineAsync($"No outbox row {id}.");
                return RelayCommandLine.Failure;
            }

            var detail = DeadLetterDetail.From(row);
            if (json)
            {
                await output.Out.WriteLineAsync(JsonSerializer.Serialize(detail, DeadLetterView.Json));
            }
            else
            {
                await PrintAsync(output.Out, detail);
            }
        }

        return RelayCommandLine.Success;
    }

    private static async Task PrintAsync(TextWriter output, DeadLetterDetail detail)
    {
        await output.WriteLineAsync($"id:                {detail.Id}");
        await output.WriteLineAsync($"event id:          {detail.EventId}");
        await output.WriteLineAsync($"type:              {detail.Type}");
        await output.WriteLineAsync($"entity:            {detail.Entity}");
        await output.WriteLineAsync($"state:             {detail.State}");
        await output.WriteLineAsync($"hook:              {detail.Hook}");
        await output.WriteLineAsync($"attempts:          {detail.Attempts}");
        var lastStatus = detail.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "-";
        await output.WriteLineAsync($"last status:       {lastStatus}");
        await output.WriteLineAsync($"last error:        {detail.LastError ?? "-"}");
        await output.WriteLineAsync($"response excerpt:  {detail.ResponseExcerpt ?? "-"}");
        await output.WriteLineAsync($"consumed at:       {Time(detail.ConsumedAt)}");
        await output.WriteLineAsync($"first attempt at:  {Time(detail.FirstAttemptAt)}");
        await output.WriteLineAsync($"last attempt at:   {Time(detail.LastAttemptAt)}");
        await output.WriteLineAsync($"given up at:       {Time(detail.When)}");
        await output.WriteLineAsync("body:");
        await output.WriteLineAsync(JsonSerializer.Serialize(detail.Body, Indented));
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "-";
}
