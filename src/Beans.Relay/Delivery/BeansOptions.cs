namespace Beans.Relay.Delivery;

/// <summary>Where and how to reach Beans (<c>Beans</c> section).</summary>
public sealed class BeansOptions
{
    public const string SectionName = "Beans";
    public const string DefaultBaseUrl = "https://hooks.radix.trybeans.com/v3/hook/radix/vanilla/";

    /// <summary>The hooks' base URL; hook paths such as <c>customer/hook_created</c> are joined to it.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The shop's secret key (<c>sk_...</c>), sent as the Basic auth password. Never logged.</summary>
    public string SecretKey { get; set; } = string.Empty;
}
