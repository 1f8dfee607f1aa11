using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Beans.Relay.Mapping;

/// <summary>Turns a shop event (routing key and JSON body) into the request Beans expects.</summary>
public sealed class EventMapper(TimeZoneInfo shopTimeZone)
{
    private const int MaxDepth = 64;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowDuplicateProperties = false,
    };

    /// <summary>The zone in which timestamps without an offset are read.</summary>
    public TimeZoneInfo ShopTimeZone { get; } = shopTimeZone;

    /// <summary>Maps one event.</summary>
    /// <param name="routingKey">
    /// The AMQP routing key (or <c>--type</c>), null when the envelope names the type.
    /// </param>
    /// <param name="body">The message body as received.</param>
    /// <exception cref="EventRejectedException">
    /// The event cannot be mapped; the exception names the field.
    /// </exception>
    public MappedEvent Map(string? routingKey, ReadOnlySpan<byte> body)
    {
        using var document = Parse(body);
        var root = document.RootElement;

        var envelope = CloudEventEnvelope.IsPresent(root) ? CloudEventEnvelope.Read(root) : null;
        var type = EventTypeResolver.Resolve(routingKey, envelope);

        var source = envelope is null
            ? new ShopObject(root, string.Empty)
            : new ShopObject(envelope.Data, CloudEventEnvelope.DataPath);
        return type.EntityKind() == "order"
            ? MapOrder(type, envelope?.Id, source)
            : MapCustomer(type, envelope?.Id, source);
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> body)
    {
        var document = ParseJson(body);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return document;
        }

        var kind = Rejections.Describe(document.RootElement);
        document.Dispose();
        throw new EventRejectedException("$", $"the body must be a JSON object, got {kind}");
    }

    private static JsonDocument ParseJson(ReadOnlySpan<byte> body)
    {
        // Some publishers prefix UTF-8 text with a byte order mark, which the JSON reader refuses.
        var json = body.StartsWith("\uFEFF"u8) ? body[3..] : body;

        // The JSON reader checks the encoding of a string only when the string is read, which would
        // fail far from here with no field named; reject broken text at the door instead.
        if (!Utf8.IsValid(json))
        {
            throw new EventRejectedException("$", "the body is not valid UTF-8");
        }

        try
        {
            return JsonDocument.Parse(json.ToArray(), ParseOptions);
        }
        catch (JsonException exception)
        {
            throw new EventRejectedException("$", $"malformed JSON: {exception.Message}");
        }
    }

    private MappedEvent MapOrder(EventType type, string? eventId, ShopObject source)
    {
        var order = OrderReader.Read(source, ShopTimeZone);
        var body = BeansJson.Serialize(order);
        return new MappedEvent(type, eventId, EntityKey("order", order.Id), type.ToHook(), body);
    }

    private MappedEvent MapCustomer(EventType type, string? eventId, ShopObject source)
    {
        var customer = CustomerReader.Read(source, ShopTimeZone);
        var body = BeansJson.Serialize(customer);
        return new MappedEvent(type, eventId, EntityKey("customer", customer.Id), type.ToHook(), body);
    }

    private static string EntityKey(string kind, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{id}");
}
