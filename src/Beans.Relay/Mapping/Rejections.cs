using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Builds rejection reasons that quote a value without ever carrying a whole body.</summary>
internal static class Rejections
{
    private const int MaxQuotedLength = 40;

    public static EventRejectedException Invalid(string field, JsonElement value, string expected) =>
        new(field, $"{expected}, got {Describe(value)}");

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString() ?? string.Empty),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Truncate(value.GetRawText()),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    public static string Quote(string text) => $"\"{Truncate(text)}\"";

    private static string Truncate(string text) =>
        text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");
}
