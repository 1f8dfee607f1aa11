using Microsoft.Extensions.Options;

namespace Beans.Relay.Mapping;

/// <summary>Checks the <c>Shop</c> section.</summary>
internal sealed class ShopOptionsValidator : IValidateOptions<ShopOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopOptions options) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? string.Empty, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Shop:TimeZone must be an IANA time zone id such as Europe/Berlin, not '{options.TimeZone}'.");
}
