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
            .Validate(
                options => TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _),
                "Shop:TimeZone must be an IANA time zone id such as Europe/Berlin")
            .ValidateOnStart();
        services.AddSingleton(provider => new EventMapper(
            TimeZoneInfo.FindSystemTimeZoneById(provider.GetRequiredService<IOptions<ShopOptions>>().Value.TimeZone)));
        return services;
    }
}
