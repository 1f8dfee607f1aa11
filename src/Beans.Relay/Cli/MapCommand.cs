using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Beans.Relay.Mapping;

namespace Beans.Relay.Cli;

/// <summary><c>map</c>: prints what the relay would POST for an event, sending nothing.</summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type", "-t")
        {
            Description = "The routing key (customer.created, customer.updated, customer.deleted, order.created, " +
                "order.updated); optional for a CloudEvents message, which names its type",
        };
        var file = new Argument<string>("file") { Description = "The event's JSON file, or - for standard input" };
        var command = new Command(
            "map",
            "Print, without sending anything, what the relay would POST for an event: " +
            "{\"hook\": ..., \"body\": ...}. A rejected event prints its reason on stderr and exits with 1.")
        {
            type,
            file,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(type), parseResult.GetRequiredValue(file), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? type, string file, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await EventFile.ReadAsync(file, cancellationToken);
        }
        catch (IOException exception)
        {
            await Console.Error.WriteLineAsync($"Cannot read {file}: {exception.Message}");
            return RelayCommandLine.Failure;
        }

        try
        {
            var mapped = new CliContext().CreateMapper().Map(type, body);
            await using var output = Console.OpenStandardOutput();
            await WriteAsync(output, mapped, cancellationToken);
            return RelayCommandLine.Success;
        }
        catch (EventRejectedException rejection)
        {
            await Console.Error.WriteLineAsync($"Rejected: field {rejection.Field}: {rejection.Reason}");
            return RelayCommandLine.Failure;
        }
    }

    private static async Task WriteAsync(Stream output, MappedEvent mapped, CancellationToken cancellationToken)
    {
        await using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("hook", mapped.Hook);
            writer.WritePropertyName("body");
            writer.WriteRawValue(mapped.Body, skipInputValidation: true);
            writer.WriteEndObject();
        }

        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
