using System.CommandLine;
using Beans.Relay.Intake;
using Beans.Relay.Mapping;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Beans.Relay.Cli;

/// <summary><c>publish</c>: sends a JSON file to the shop exchange as a plain AMQP client would.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var type = new Option<string>("--type", "-t")
        {
            Description = "The routing key: customer.created, customer.updated, customer.deleted, "
                + "order.created or order.updated",
            Required = true,
        };
        var id = new Option<string?>("--id") { Description = "The message id (the event id); a new GUID by default" };
        var file = new Argument<string>("file") { Description = "The event's JSON file, or - for standard input" };
        var command = new Command(
            "publish",
            "Publish a JSON file as an event to the configured exchange (RabbitMq:Url, RabbitMq:Exchange), " +
            "with content type application/json and a persistent delivery mode, and wait for the broker's confirm.")
        {
            type,
            id,
            file,
        };
        command.SetAction(RelayCommandLine.WithSettings((parseResult, settings, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(type),
            parseResult.GetValue(id),
            parseResult.GetRequiredValue(file),
            settings.RabbitMq,
            parseResult.InvocationConfiguration,
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(
        string type,
        string? id,
        string file,
        RabbitMqOptions options,
        InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        if (!EventTypes.TryParse(type, out _))
        {
            await console.Error.WriteLineAsync(
                $"Unknown --type '{type}'; use one of: {string.Join(", ", EventTypes.RoutingKeys)}.");
            return RelayCommandLine.Usage;
        }

        try
        {
            var body = await EventFile.ReadAsync(file, cancellationToken);
            var messageId = id ?? Guid.NewGuid().ToString();
            await PublishAsync(options, type, messageId, body, cancellationToken);
            await console.Output.WriteLineAsync(
                $"Published {type} {messageId} ({body.Length} bytes) to exchange {options.Exchange}.");
            return RelayCommandLine.Success;
        }
        catch (BrokerUnreachableException exception)
        {
            await console.Error.WriteLineAsync(
                $"Cannot reach RabbitMQ at {RabbitMqOptionsValidator.Redact(options.Url)}: "
                + $"{exception.InnerException?.Message ?? exception.Message}");
            return RelayCommandLine.Failure;
        }
        catch (PublishException)
        {
            await console.Error.WriteLineAsync(
                $"The broker did not route the message: no queue is bound to {options.Exchange} for {type}. " +
                "Start the relay once so that it declares and binds its queue.");
            return RelayCommandLine.Failure;
        }
        catch (IOException exception)
        {
            await console.Error.WriteLineAsync($"Cannot read {file}: {exception.Message}");
            return RelayCommandLine.Failure;
        }
    }

    private static async Task PublishAsync(
        RabbitMqOptions options,
        string routingKey,
        string messageId,
        byte[] body,
        CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(options.Url), ClientProvidedName = "beans-relay publish" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await channel.ExchangeDeclareAsync(
            options.Exchange,
            ExchangeType.Topic,
            durable: true,
            cancellationToken: cancellationToken);
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            MessageId = messageId,
            Persistent = true,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };
        await channel.BasicPublishAsync(
            options.Exchange, routingKey, mandatory: true, properties, body, cancellationToken);
    }
}
