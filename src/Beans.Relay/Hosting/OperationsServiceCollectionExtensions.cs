using Beans.Relay.Delivery;
using Beans.Relay.Operations;
using Beans.Relay.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Beans.Relay.Hosting;

public static class OperationsServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>Health checks, the relay's state for the command line, and the dead-letter API's services.</summary>
    public static IServiceCollection AddRelayOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpsOptions>().Bind(configuration.GetSection(OpsOptions.SectionName));
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<RelayStateStore>();
        services.AddSingleton<MetricsGaugeRefresher>();
        services.AddHostedService<RelayStateReporter>();
        services.AddHostedService<OutboxChangeWatcher>();
        services.AddHealthChecks()
            .AddCheck<OutboxHealthCheck>("outbox", tags: [ReadyTag])
            .AddCheck<DeliveryHealthCheck>("delivery", tags: [ReadyTag]);

        // MassTransit registers its bus check (broker connected, endpoints consuming): count it in readiness.
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            var bus = options.Registrations
                .Where(registration => registration.Name.StartsWith("masstransit", StringComparison.OrdinalIgnoreCase));
            foreach (var registration in bus)
            {
                registration.Tags.Add(ReadyTag);
            }
        });
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>, <c>/health/ready</c> (broker, outbox, delivery), <c>/metrics</c>,
    /// <c>/api</c> and the dashboard at <c>/</c>.
    /// </summary>
    public static WebApplication MapRelayOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,

            // MassTransit reports a lost broker connection as degraded: not ready to take events.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });

        app.Services.GetRequiredService<MetricsGaugeRefresher>().Register();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<RelayMetrics>().Registry);
        app.MapOpsApi();
        app.MapDashboard();
        return app;
    }
}
