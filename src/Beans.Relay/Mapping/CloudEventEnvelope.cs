using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>A CloudEvents 1.0 structured JSON message carrying a shop object in <c>data</c>.</summary>
internal sealed record CloudEventEnvelope(string Type, string Id, JsonElement Data)
{
    public const string DataPath = "data";

    private const string SpecVersion = "1.0";

    /// <summary>True when the body declares itself a CloudEvent: shop objects have no <c>specversion</c>.</summary>
    public static bool IsPresent(JsonElement root) => root.TryGetProperty("specversion", out _);

    public static CloudEventEnvelope Read(JsonElement root)
    {
        var envelope = new ShopObject(root, string.Empty);
        if (RequiredText(envelope, "specversion") != SpecVersion)
        {
            throw Rejections.Invalid("specversion", root.GetProperty("specversion"), "must be \"1.0\"");
        }

        CheckContentType(envelope);
        _ = RequiredText(envelope, "source");
        var type = RequiredText(envelope, "type");
        var id = RequiredText(envelope, "id");
        return new CloudEventEnvelope(type, id, ReadData(envelope));
    }

    private static string RequiredText(ShopObject envelope, string name)
    {
        var value = envelope.Value(name) ?? throw new EventRejectedException(name, "is required");
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return string.IsNullOrWhiteSpace(text)
            ? throw Rejections.Invalid(name, value, "must be a non-empty string")
            : text;
    }

    private static void CheckContentType(ShopObject envelope)
    {
        var contentType = TextFieldReader.Read(envelope, "datacontenttype");
        var mediaType = contentType?.Split(';')[0].Trim();
        if (mediaType is not null && !IsJson(mediaType))
        {
            throw new EventRejectedException(
                "datacontenttype", $"must be application/json, got {Rejections.Quote(contentType!)}");
        }
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static JsonElement ReadData(ShopObject envelope)
    {
        if (envelope.Value(DataPath) is { ValueKind: JsonValueKind.Object } data)
        {
            return data;
        }

        if (envelope.Value("data_base64") is not null)
        {
            throw new EventRejectedException(DataPath, "data_base64 is not supported: send a JSON object");
        }

        return envelope.Value(DataPath) is { } other
            ? throw Rejections.Invalid(DataPath, other, "must be a JSON object")
            : throw new EventRejectedException(DataPath, "is required");
    }
}
