using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Beans.Relay.Operations;
using Beans.Relay.Outbox;

namespace Beans.Relay.Cli;

/// <summary><c>dead-letters list</c>: a table, or one JSON object per line.</summary>
internal static class DeadLettersListCommand
{
    private const int PageSize = 1000;

    public static Command Create(Func<IReadOnlyList<string>, CliContext> context)
    {
        var selection = new DeadLetterSelection();
        var json = new Option<bool>("--json")
        {
            Description = "One JSON object per line: " +
                "id, event_id, type, entity, attempts, last_status, last_error, when",
        };
        var command = new Command("list", "List dead letters, oldest first.") { json };
        selection.AddTo(command, withIds: false);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = CliOutput.Of(parseResult);
            var filter = await selection.ReadAsync(parseResult, output, withIds: false);
            return filter is null
                ? RelayCommandLine.Usage
                : await RunAsync(
                    context(parseResult.UnmatchedTokens),
                    output,
                    filter,
                    parseResult.GetValue(json),
                    cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context,
        CliOutput output,
        DeadLetterFilter filter,
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
            List<DeadLetterView> rows = [];
            long? after = 0;
            while (after is { } from)
            {
                var page = await store.ListAsync(filter, from, PageSize, cancellationToken);
                if (json)
                {
                    foreach (var row in page.Items)
                    {
                        var line = JsonSerializer.Serialize(DeadLetterView.From(row), DeadLetterView.Json);
                        await output.Out.WriteLineAsync(line);
                    }
                }
                else
                {
                    rows.AddRange(page.Items.Select(DeadLetterView.From));
                }

                after = page.NextAfter;
            }

            if (!json)
            {
                await WriteTableAsync(output.Out, rows);
            }
        }

        return RelayCommandLine.Success;
    }

    private static async Task WriteTableAsync(TextWriter output, List<DeadLetterView> rows)
    {
        string[] header = ["ID", "EVENT ID", "TYPE", "ENTITY", "ATTEMPTS", "STATUS", "WHEN", "LAST ERROR"];
        var cells = rows.Select(row => new[]
        {
            row.Id.ToString(CultureInfo.InvariantCulture),
            row.EventId,
            row.Type,
            row.Entity,
            row.Attempts.ToString(CultureInfo.InvariantCulture),
            row.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
            row.When?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "-",
            OneLine(row.LastError),
        }).ToList();
        var widths = header
            .Select((title, column) => cells.Select(cell => cell[column].Length).Append(title.Length).Max())
            .ToArray();
        await output.WriteLineAsync(Line(header, widths));
        foreach (var cell in cells)
        {
            await output.WriteLineAsync(Line(cell, widths));
        }

        await output.WriteLineAsync($"{rows.Count} dead letter{(rows.Count == 1 ? string.Empty : "s")}");
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(
            "  ",
            cells.Select((cell, column) => column == cells.Length - 1 ? cell : cell.PadRight(widths[column])));

    private static string OneLine(string? text) =>
        string.IsNullOrEmpty(text) ? "-" : text.ReplaceLineEndings(" ");
}
