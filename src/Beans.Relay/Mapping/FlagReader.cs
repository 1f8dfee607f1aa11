using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Reads yes/no fields given as JSON booleans, "true"/"false" strings or 0/1; absent means false.</summary>
internal static class FlagReader
{
    private const string Expected = "must be true, false, \"true\", \"false\", 0 or 1";

    public static bool Read(ShopObject source, string name)
    {
        if (source.Value(name) is not { } value)
        {
            return false;
        }

        return TryParse(value) ?? throw Rejections.Invalid(source.FieldPath(name), value, Expected);
    }

    private static bool? TryParse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => FromText(value.GetString()),
        JsonValueKind.Number when value.TryGetInt64(out var number) => number switch
        {
            0 => false,
            1 => true,
            _ => null,
        },
        _ => null,
    };

    private static bool? FromText(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "TRUE" => true,
        "FALSE" => false,
        _ => null,
    };
}
