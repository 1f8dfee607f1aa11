using Beans.Relay.Mapping;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Hosting;

public static class MappingServiceCollectionExtensions
{
    /// <summary>The mapping stage, reading timestamps without an offset in <c>Shop:TimeZone</c>.</summary>
    public static IServiceCollection AddRelayMapping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShopOptions>()
            .Bind(configuration.GetSection(ShopOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShopOptions>, ShopOptionsValidator>();
        services.AddSingleton(provider => new EventMapper(
            TimeZoneInfo.FindSystemTimeZoneById(provider.GetRequiredService<IOptions<ShopOptions>>().Value.TimeZone)));
        return services;
    }
}
