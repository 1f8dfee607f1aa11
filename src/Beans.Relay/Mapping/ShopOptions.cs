using System.ComponentModel.DataAnnotations;

namespace Beans.Relay.Mapping;

/// <summary>Facts about the shop that shape its events (<c>Shop</c> section).</summary>
public sealed class ShopOptions
{
    public const string SectionName = "Shop";
    public const string DefaultTimeZone = "UTC";

    /// <summary>IANA id of the zone in which timestamps without an offset are read.</summary>
    [Required]
    public string TimeZone { get; set; } = DefaultTimeZone;
}
