using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Reads tags given as an array or as one comma-separated string; always yields an array.</summary>
internal static class TagsReader
{
    private const string Expected = "must be an array of strings or a comma-separated string";

    public static IReadOnlyList<string> Read(ShopObject source, string name)
    {
        var field = source.FieldPath(name);
        return source.Value(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.String } text => Split(text.GetString() ?? string.Empty),
            { ValueKind: JsonValueKind.Array } array => FromArray(array, field),
            { } other => throw Rejections.Invalid(field, other, Expected),
        };
    }

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static List<string> FromArray(JsonElement array, string field)
    {
        var tags = new List<string>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var tag = ItemText(item, $"{field}[{index}]")?.Trim();
            if (!string.IsNullOrEmpty(tag))
            {
                tags.Add(tag);
            }

            index++;
        }

        return tags;
    }

    private static string? ItemText(JsonElement item, string field) => item.ValueKind switch
    {
        JsonValueKind.String => item.GetString(),
        JsonValueKind.Number => item.GetRawText(),
        JsonValueKind.Null => null,
        _ => throw Rejections.Invalid(field, item, "must be a string"),
    };
}
