using System.CommandLine;
using System.Text;
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
        command.SetAction(RelayCommandLine.WithSettings((parseResult, settings, cancellationToken) => RunAsync(
            parseResult.GetValue(type),
            parseResult.GetRequiredValue(file),
            settings,
            parseResult.InvocationConfiguration,
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(
        string? type,
        string file,
        CliContext settings,
        InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await EventFile.ReadAsync(file, cancellationToken);
        }
        catch (IOException exception)
        {
            await console.Error.WriteLineAsync($"Cannot read {file}: {exception.Message}");
            return RelayCommandLine.Failure;
        }

        try
        {
            var mapped = settings.CreateMapper().Map(type, body);
            await console.Output.WriteLineAsync(Describe(mapped).AsMemory(), cancellationToken);
            return RelayCommandLine.Success;
        }
        catch (EventRejectedException rejection)
        {
            await console.Error.WriteLineAsync($"Rejected: field {rejection.Field}: {rejection.Reason}");
            return RelayCommandLine.Failure;
        }
    }

    private static string Describe(MappedEvent mapped)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(
            buffer,
            new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("hook", mapped.Hook);
            writer.WritePropertyName("body");
            writer.WriteRawValue(mapped.Body, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
