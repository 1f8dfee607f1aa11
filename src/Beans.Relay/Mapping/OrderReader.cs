using System.Globalization;

namespace Beans.Relay.Mapping;

/// <summary>Reads an order object of a shop event into the Beans order shape.</summary>
internal static class OrderReader
{
    public static BeansOrder Read(ShopObject source, TimeZoneInfo shopZone)
    {
        var id = IdReader.ReadRequired(source, "id");
        return new BeansOrder(
            id,
            CurrencyReader.Read(source, "currency"),
            TextFieldReader.ReadEmail(source, "email"),
            ReadRef(source, id),
            MoneyReader.ReadRequired(source, "total"),
            MoneyReader.ReadOrZero(source, "subtotal"),
            MoneyReader.ReadOrZero(source, "amount_shipping"),
            MoneyReader.ReadOrZero(source, "amount_giftcard"),
            MoneyReader.ReadOrZero(source, "amount_tax"),
            TimestampReader.Read(source, "cancelled_at", shopZone),
            TimestampReader.Read(source, "processed_at", shopZone),
            FlagReader.Read(source, "is_fulfilled"),
            FlagReader.Read(source, "is_refunded"),
            FlagReader.Read(source, "is_paid"),
            CustomerReader.ReadNested(source, "customer", shopZone));
    }

    /// <summary>The shop's order reference; Beans needs one, and the id is what most shops show.</summary>
    private static string ReadRef(ShopObject source, long id)
    {
        var reference = TextFieldReader.Read(source, "ref");
        return string.IsNullOrWhiteSpace(reference) ? id.ToString(CultureInfo.InvariantCulture) : reference;
    }
}
