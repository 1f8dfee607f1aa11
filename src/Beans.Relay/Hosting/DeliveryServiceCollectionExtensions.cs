using System.Net.Http.Headers;
using System.Text;
using Beans.Relay.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace Beans.Relay.Hosting;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Delivery to Beans: the typed client with its per-attempt timeout, the gate and the dispatcher.
    /// </summary>
    public static IServiceCollection AddRelayDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BeansOptions>().Bind(configuration.GetSection(BeansOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BeansOptions>, BeansOptionsValidator>();
        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddSingleton<DeliveryGate>();
        services.AddSingleton<RelayMetrics>();

        services.AddHttpClient<BeansClient>(ConfigureClient)
            .ConfigurePrimaryHttpMessageHandler(CreateHandler)
            .AddResilienceHandler("beans-attempt", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value;
                pipeline.AddTimeout(options.AttemptTimeout);
            });

        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>The hooks' base URL with exactly one slash before the hook path.</summary>
    public static Uri HookBase(string baseUrl) => new(baseUrl.TrimEnd('/') + "/", UriKind.Absolute);

    /// <summary>Basic auth with an empty user name and the secret key as the password.</summary>
    public static AuthenticationHeaderValue BasicAuth(string secretKey) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + secretKey)));

    private static void ConfigureClient(IServiceProvider provider, HttpClient client)
    {
        var beans = provider.GetRequiredService<IOptions<BeansOptions>>().Value;
        client.BaseAddress = HookBase(beans.BaseUrl);
        client.DefaultRequestHeaders.Authorization = BasicAuth(beans.SecretKey);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Beans.Relay/1.0");

        // The resilience pipeline's per-attempt timeout (Delivery:AttemptTimeout) is the only one.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static SocketsHttpHandler CreateHandler(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = options.MaxConcurrency,
        };
    }
}
