using Beans.Relay.Contracts;
using Beans.Relay.Intake;
using Beans.Relay.Mapping;
using Beans.Relay.Outbox;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Beans.Relay.Hosting;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>Suffix of the queue for typed contracts published by .NET shops with MassTransit.</summary>
    public const string ContractsQueueSuffix = "-contracts";

    /// <summary>
    /// The broker side: the relay's durable queue bound to the shop exchange for plain JSON events,
    /// and a second queue for MassTransit contracts. Both feed <see cref="EventIntake"/>.
    /// </summary>
    public static IServiceCollection AddRelayIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RabbitMqOptions>()
            .Bind(configuration.GetSection(RabbitMqOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RabbitMqOptions>, RabbitMqOptionsValidator>();
        services.AddSingleton<EventIntake>();
        services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            // The relay starts, and reports not-ready, while the broker is away; MassTransit keeps reconnecting.
            options.WaitUntilStarted = false;
        });

        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<ShopEventConsumer>();
            bus.AddConsumer<ContractEventConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                ConfigureHost(rabbit, options);
                rabbit.ReceiveEndpoint(options.Queue, endpoint => ConfigureShopQueue(endpoint, context, options));
                rabbit.ReceiveEndpoint(options.Queue + ContractsQueueSuffix, endpoint =>
                    ConfigureContractsQueue(endpoint, context, options));
            });
        });
        return services;
    }

    private static void ConfigureHost(IRabbitMqBusFactoryConfigurator rabbit, RabbitMqOptions options)
    {
        var url = new Uri(options.Url);
        var virtualHost = url.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(url.AbsolutePath[1..]) : "/";
        var port = url.IsDefaultPort || url.Port <= 0 ? (url.Scheme == "amqps" ? 5671 : 5672) : url.Port;
        var credentials = url.UserInfo.Split(':', 2);
        rabbit.Host(url.Host, (ushort)port, virtualHost, host =>
        {
            host.Username(credentials.Length > 0 && credentials[0].Length > 0
                ? Uri.UnescapeDataString(credentials[0])
                : "guest");
            host.Password(credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
            if (url.Scheme == "amqps")
            {
                host.UseSsl(ssl => ssl.ServerName = url.Host);
            }
        });
    }

    private static void ConfigureShopQueue(
        IRabbitMqReceiveEndpointConfigurator endpoint,
        IBusRegistrationContext context,
        RabbitMqOptions options)
    {
        endpoint.ConfigureConsumeTopology = false;
        endpoint.ClearSerialization();
        var passThrough = new PassThroughJsonSerializerFactory();
        endpoint.AddDeserializer(passThrough, isDefault: true);
        endpoint.AddSerializer(passThrough);
        endpoint.SerializerContentType = passThrough.ContentType;
        foreach (var pattern in options.EffectiveBindings)
        {
            endpoint.Bind(options.Exchange, binding =>
            {
                binding.ExchangeType = ExchangeType.Topic;
                binding.Durable = true;
                binding.RoutingKey = pattern;
            });
        }

        ConfigureCommon(endpoint, options);
        endpoint.ConfigureConsumer<ShopEventConsumer>(context);
    }

    /// <summary>
    /// Binds the contracts queue only to the contracts whose routing key the relay's bindings take,
    /// so that relays splitting the event kinds between them split the typed contracts the same way.
    /// </summary>
    private static void ConfigureContractsQueue(
        IRabbitMqReceiveEndpointConfigurator endpoint,
        IBusRegistrationContext context,
        RabbitMqOptions options)
    {
        endpoint.ConfigureConsumeTopology = false;
        BindIfTaken<CustomerCreated>(endpoint, options, EventType.CustomerCreated);
        BindIfTaken<CustomerUpdated>(endpoint, options, EventType.CustomerUpdated);
        BindIfTaken<CustomerDeleted>(endpoint, options, EventType.CustomerDeleted);
        BindIfTaken<OrderCreated>(endpoint, options, EventType.OrderCreated);
        BindIfTaken<OrderUpdated>(endpoint, options, EventType.OrderUpdated);
        ConfigureCommon(endpoint, options);
        endpoint.ConfigureConsumer<ContractEventConsumer>(context);
    }

    private static void BindIfTaken<T>(
        IRabbitMqReceiveEndpointConfigurator endpoint,
        RabbitMqOptions options,
        EventType type)
        where T : class
    {
        if (options.EffectiveBindings.Any(pattern => TopicPattern.Matches(pattern, type.ToRoutingKey())))
        {
            endpoint.Bind<T>();
        }
    }

    private static void ConfigureCommon(IRabbitMqReceiveEndpointConfigurator endpoint, RabbitMqOptions options)
    {
        endpoint.Durable = true;
        endpoint.PrefetchCount = options.PrefetchCount;
        endpoint.ConcurrentMessageLimit = options.PrefetchCount;
        endpoint.UseMessageRetry(retry =>
        {
            // The outbox cannot be written (disk full, read-only): the message is neither acknowledged
            // nor sent to the error queue; it waits here, and in RabbitMQ, until storing works again.
            retry.Handle<OutboxUnavailableException>();
            retry.Exponential(
                int.MaxValue,
                TimeSpan.FromMilliseconds(500),
                TimeSpan.FromSeconds(30),
                TimeSpan.FromSeconds(1));
        });
        endpoint.UseMessageRetry(retry =>
        {
            // A rejected event goes to the error queue at once; anything unexpected is tried a few times first.
            retry.Ignore<EventRejectedException>();
            retry.Ignore<OutboxUnavailableException>();
            retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        });
    }
}
