using Beans.Relay.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Hosting;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>The SQLite outbox: options, its one writer and its queries.</summary>
    public static IServiceCollection AddRelayOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddSingleton<OutboxDatabase>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<OutboxStore>();
        services.AddHostedService<OutboxLifetime>();
        return services;
    }
}
