using System.Diagnostics;
using RabbitMQ.Client;

namespace Beans.Relay.Bench;

/// <summary>Publishes events as a shop would, with RabbitMQ.Client and publisher confirms.</summary>
internal sealed class ShopPublisher : IAsyncDisposable
{
    private const int Outstanding = 512;

    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private ShopPublisher(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<ShopPublisher> ConnectAsync(string url)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(url) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new ShopPublisher(connection, channel);
    }

    /// <summary>
    /// Waits until a queue has a consumer: MassTransit binds the queue before it consumes, so
    /// nothing published afterwards is lost.
    /// </summary>
    public async Task WaitForQueueAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var probe = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                var declared = await probe.QueueDeclarePassiveAsync(queue, cancellationToken);
                if (declared.ConsumerCount > 0)
                {
                    return;
                }

                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"No consumer on {queue} after {timeout}.");
                }

                await Task.Delay(200, cancellationToken);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>Publishes everything as fast as confirms allow, keeping many publishes in flight.</summary>
    public async Task PublishAllAsync(
        string exchange,
        IReadOnlyList<ShopEvent> events,
        DeliveryTracker tracker,
        CancellationToken cancellationToken)
    {
        List<Task> pending = new(Outstanding);
        foreach (var item in events)
        {
            pending.Add(PublishAsync(exchange, item, tracker, cancellationToken));
            if (pending.Count == Outstanding)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    /// <summary>Publishes at a fixed rate: each event goes out when its slot comes, not earlier.</summary>
    public async Task PublishPacedAsync(
        string exchange,
        IReadOnlyList<ShopEvent> events,
        int perSecond,
        DeliveryTracker tracker,
        CancellationToken cancellationToken)
    {
        List<Task> pending = new(events.Count);
        var start = Clock.Now;
        var next = 0;
        while (next < events.Count)
        {
            var due = (int)Math.Min(events.Count, (Clock.Seconds(start, Clock.Now) * perSecond) + 1);
            for (; next < due; next++)
            {
                pending.Add(PublishAsync(exchange, events[next], tracker, cancellationToken));
            }

            await Task.Delay(1, cancellationToken);
        }

        await Task.WhenAll(pending);
    }

    public async Task DeleteAsync(string exchange, IEnumerable<string> queues)
    {
        foreach (var queue in queues)
        {
            await _channel.QueueDeleteAsync(queue);
            await _channel.ExchangeDeleteAsync(queue);
        }

        await _channel.ExchangeDeleteAsync(exchange);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task PublishAsync(
        string exchange,
        ShopEvent item,
        DeliveryTracker tracker,
        CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = item.MessageId,
            ContentType = "application/json",
        };
        tracker.Published(item.Sequence, Clock.Now);
        await _channel.BasicPublishAsync(
            exchange,
            item.RoutingKey,
            mandatory: false,
            properties,
            item.Body,
            cancellationToken);
    }
}
