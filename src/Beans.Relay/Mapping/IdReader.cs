using System.Globalization;
using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Reads 64-bit ids given as JSON numbers or digit strings, never through <see cref="double"/>.</summary>
internal static class IdReader
{
    private const string Expected = "must be a positive integer of at most 64 bits";

    public static long ReadRequired(ShopObject source, string name)
    {
        var field = source.FieldPath(name);
        var value = source.Value(name) ?? throw new EventRejectedException(field, "is required");
        var id = Parse(value, field);
        return id > 0 ? id : throw Rejections.Invalid(field, value, Expected);
    }

    /// <summary>Reads an id where null or 0 means "none", as shops send for guests.</summary>
    public static long? ReadOptional(ShopObject source, string name)
    {
        var field = source.FieldPath(name);
        if (source.Value(name) is not { } value)
        {
            return null;
        }

        var id = Parse(value, field);
        return id switch
        {
            0 => null,
            > 0 => id,
            _ => throw Rejections.Invalid(field, value, Expected),
        };
    }

    private static long Parse(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Rejections.Invalid(field, value, Expected);
    }
}
