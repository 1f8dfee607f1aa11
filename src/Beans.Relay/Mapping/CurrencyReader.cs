using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Reads the required ISO 4217 currency code of an order, upper-cased.</summary>
internal static class CurrencyReader
{
    private const string Expected = "must be a three-letter ISO 4217 code such as \"USD\"";

    public static string Read(ShopObject source, string name)
    {
        var field = source.FieldPath(name);
        var value = source.Value(name) ?? throw new EventRejectedException(field, "is required");
        var code = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
        if (string.IsNullOrEmpty(code))
        {
            throw value.ValueKind == JsonValueKind.String
                ? new EventRejectedException(field, "is required")
                : Rejections.Invalid(field, value, Expected);
        }

        return IsIsoCode(code) ? code.ToUpperInvariant() : throw Rejections.Invalid(field, value, Expected);
    }

    private static bool IsIsoCode(string code) => code.Length == 3 && code.All(char.IsAsciiLetter);
}
