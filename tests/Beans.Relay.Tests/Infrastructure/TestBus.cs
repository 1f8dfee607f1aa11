using System.Text;
using RabbitMQ.Client;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>A plain AMQP client, as a shop in any language would use, for publishing and peeking at queues.</summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IConnection _connection;
    private IChannel _channel;

    private TestBus(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<TestBus> ConnectAsync(string url)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(url) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new TestBus(connection, channel);
    }

    public async Task PublishAsync(
        string exchange,
        string routingKey,
        string body,
        string? messageId = null,
        string? contentType = "application/json")
    {
        await PublishAsync(exchange, routingKey, Encoding.UTF8.GetBytes(body), messageId, contentType);
    }

    public async Task PublishAsync(
        string exchange,
        string routingKey,
        byte[] body,
        string? messageId = null,
        string? contentType = "application/json")
    {
        var properties = new BasicProperties { Persistent = true, MessageId = messageId, ContentType = contentType };
        await _channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body);
    }

    /// <summary>Takes one message off a queue, or null when it stays empty until <paramref name="timeout"/>.</summary>
    public async Task<BasicGetResult?> GetAsync(string queue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            try
            {
                var result = await _channel.BasicGetAsync(queue, autoAck: true);
                if (result is not null)
                {
                    return result;
                }
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // The queue does not exist yet (MassTransit declares an error queue at its first fault).
                await _channel.DisposeAsync();
                _channel = await _connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        return null;
    }

    public async Task<uint> MessageCountAsync(string queue) => await _channel.MessageCountAsync(queue);

    public async Task DeleteAsync(string exchange, string queue)
    {
        foreach (var name in new[] { queue, queue + "_error", queue + "_skipped", queue + "-contracts", queue + "-contracts_error", queue + "-contracts_skipped" })
        {
            await _channel.QueueDeleteAsync(name);
        }

        await _channel.ExchangeDeleteAsync(exchange);
        await _channel.ExchangeDeleteAsync(queue);
        await _channel.ExchangeDeleteAsync(queue + "-contracts");
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
