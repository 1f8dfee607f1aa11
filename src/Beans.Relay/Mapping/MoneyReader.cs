using System.Globalization;
using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Reads amounts and writes them as Beans wants: two decimals and a dot, whatever the currency.</summary>
internal static class MoneyReader
{
    public const string Zero = "0.00";

    private const string Expected = "must be a decimal amount such as \"12.50\"";

    // Shops put the sign first and never group digits; a comma is as likely a decimal separator as
    // a thousands one, so strings with either are rejected instead of guessed.
    private const NumberStyles StringStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
        | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public static string ReadRequired(ShopObject source, string name)
    {
        var field = source.FieldPath(name);
        var value = source.Value(name) ?? throw new EventRejectedException(field, "is required");
        return Format(Parse(value, field));
    }

    public static string ReadOrZero(ShopObject source, string name) =>
        source.Value(name) is { } value ? Format(Parse(value, source.FieldPath(name))) : Zero;

    private static decimal Parse(JsonElement value, string field)
    {
        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number => TryParse(value.GetRawText(), NumberStyles.Float),
            JsonValueKind.String => TryParse(value.GetString() ?? string.Empty, StringStyles),
            _ => null,
        };
        return parsed ?? throw Rejections.Invalid(field, value, Expected);
    }

    private static decimal? TryParse(string text, NumberStyles styles) =>
        decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    private static string Format(decimal amount)
    {
        var rounded = decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

        // A tiny negative amount rounds to a negative zero, which would print as "-0.00".
        return rounded == 0 ? Zero : rounded.ToString("0.00", CultureInfo.InvariantCulture);
    }
}
