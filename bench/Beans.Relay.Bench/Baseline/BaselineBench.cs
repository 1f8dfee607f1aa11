using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Beans.Relay.Bench.Baseline;

/// <summary>
/// The same events through a MassTransit consumer with the relay's prefetch and delivery
/// concurrency, posting straight to the receiver: what the relay's durability costs.
/// </summary>
internal sealed class BaselineBench(BenchSettings settings, Receiver receiver, ShopEventFactory factory)
{
    public const int PrefetchCount = 256;
    public const int ConcurrentMessageLimit = 8;

    public async Task<PhaseResult> RunAsync(CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var exchange = "bench-baseline-events-" + id;
        var queue = "bench-baseline-" + id;
        await using var publisher = await ShopPublisher.ConnectAsync(settings.BrokerUrl);
        using var host = BuildHost(exchange, queue);
        await host.StartAsync(cancellationToken);
        try
        {
            await publisher.WaitForQueueAsync(queue, TimeSpan.FromSeconds(60), cancellationToken);
            Console.Error.WriteLine($"baseline: {settings.Events} events at full speed...");
            var events = factory.Create(3, settings.Events, settings.Entities);
            var tracker = new DeliveryTracker(3, events, everyEventIsPosted: true);
            receiver.Track(tracker);
            await publisher.PublishAllAsync(exchange, events, tracker, cancellationToken);
            var timedOut = !await EndToEndBench.Completes(
                tracker.Complete, EndToEndBench.PhaseTimeout(events.Count), cancellationToken);
            return tracker.Summarize("baseline (MassTransit, no outbox)") with { TimedOut = timedOut };
        }
        finally
        {
            receiver.Track(null);
            await host.StopAsync(CancellationToken.None);
            await publisher.DeleteAsync(exchange, [queue, queue + "_error", queue + "_skipped"]);
        }
    }

    private IHost BuildHost(string exchange, string queue)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new BaselineTarget(new HttpClient { BaseAddress = new Uri(receiver.BaseUrl) }));
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<BaselineConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                ConfigureHost(rabbit, new Uri(settings.BrokerUrl));
                rabbit.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
                rabbit.ReceiveEndpoint(queue, endpoint =>
                {
                    endpoint.ConfigureConsumeTopology = false;
                    endpoint.PrefetchCount = PrefetchCount;
                    endpoint.ConcurrentMessageLimit = ConcurrentMessageLimit;
                    endpoint.Bind(exchange, binding =>
                    {
                        binding.ExchangeType = ExchangeType.Topic;
                        binding.Durable = true;
                        binding.RoutingKey = "#";
                    });
                    endpoint.ConfigureConsumer<BaselineConsumer>(context);
                });
            });
        });
        return builder.Build();
    }

    private static void ConfigureHost(IRabbitMqBusFactoryConfigurator rabbit, Uri url)
    {
        var virtualHost = url.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(url.AbsolutePath[1..]) : "/";
        var port = url.IsDefaultPort || url.Port <= 0 ? 5672 : url.Port;
        var credentials = url.UserInfo.Split(':', 2);
        rabbit.Host(url.Host, (ushort)port, virtualHost, host =>
        {
            host.Username(credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest");
            host.Password(credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
        });
    }
}
