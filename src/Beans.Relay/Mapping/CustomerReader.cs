using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Reads a customer object of a shop event into the Beans customer shape.</summary>
internal static class CustomerReader
{
    public static BeansCustomer Read(ShopObject source, TimeZoneInfo shopZone) =>
        Read(source, IdReader.ReadRequired(source, "id"), shopZone);

    /// <summary>Reads the customer of an order; null for a guest (no customer, or its id null or 0).</summary>
    public static BeansCustomer? ReadNested(ShopObject order, string name, TimeZoneInfo shopZone)
    {
        if (order.Value(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Rejections.Invalid(order.FieldPath(name), value, "must be an object");
        }

        var source = new ShopObject(value, order.FieldPath(name));
        return IdReader.ReadOptional(source, "id") is { } id ? Read(source, id, shopZone) : null;
    }

    private static BeansCustomer Read(ShopObject source, long id, TimeZoneInfo shopZone) => new(
        id,
        TextFieldReader.Read(source, "first_name"),
        TextFieldReader.Read(source, "last_name"),
        TextFieldReader.ReadEmail(source, "email"),
        FlagReader.Read(source, "is_newsletter"),
        TagsReader.Read(source, "tags"),
        TimestampReader.Read(source, "created_at", shopZone),
        TimestampReader.Read(source, "updated_at", shopZone));
}
