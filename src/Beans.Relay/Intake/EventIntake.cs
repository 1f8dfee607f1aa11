using System.Security.Cryptography;
using System.Text;
using Beans.Relay.Delivery;
using Beans.Relay.Mapping;
using Beans.Relay.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Intake;

/// <summary>
/// Maps one received event and stores it in the outbox; the caller acknowledges the message only
/// after this returns, so an accepted event is always on disk first.
/// </summary>
public sealed partial class EventIntake(
    EventMapper mapper,
    OutboxStore store,
    RelayMetrics metrics,
    IOptions<RabbitMqOptions> options,
    ILogger<EventIntake> logger)
{
    private readonly int _maxMessageBytes = options.Value.MaxMessageBytes;

    /// <summary>Accepts one event.</summary>
    /// <param name="routingKey">The routing key, or null when the body names its type.</param>
    /// <param name="body">The body as received.</param>
    /// <param name="messageId">The transport's message id, if the publisher set one.</param>
    /// <param name="cancellationToken">Cancels the wait for the commit.</param>
    /// <exception cref="EventRejectedException">The event cannot become a Beans payload.</exception>
    public async Task AcceptAsync(
        string? routingKey,
        ReadOnlyMemory<byte> body,
        string? messageId,
        CancellationToken cancellationToken)
    {
        var mapped = Map(routingKey, body, messageId);
        var eventId = mapped.EventId ?? NonEmpty(messageId) ?? ContentId(routingKey, body.Span);
        var routingForm = mapped.Type.ToRoutingKey();
        var row = new NewOutboxEvent(
            eventId,
            routingForm,
            mapped.EntityKey,
            mapped.Hook,
            Encoding.UTF8.GetString(mapped.Body),
            mapped.Type.IsUpsert());

        var added = await store.AddAsync([row], cancellationToken);
        if (added > 0)
        {
            metrics.Consumed(routingForm);
            LogStored(eventId, routingForm, mapped.EntityKey);
        }
        else
        {
            LogDuplicate(eventId, routingForm);
        }
    }

    private MappedEvent Map(string? routingKey, ReadOnlyMemory<byte> body, string? messageId)
    {
        try
        {
            if (body.Length > _maxMessageBytes)
            {
                throw new EventRejectedException(
                    "$", $"the body is {body.Length} bytes, more than RabbitMq:MaxMessageBytes ({_maxMessageBytes})");
            }

            return mapper.Map(routingKey, body.Span);
        }
        catch (EventRejectedException rejection)
        {
            metrics.Rejected(EventTypes.TryParse(routingKey, out var type) ? type.Value.ToRoutingKey() : "unknown");
            LogRejected(NonEmpty(messageId) ?? "(none)", routingKey ?? "(none)", rejection.Field, rejection.Reason);
            throw;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// An id for an event published without one, taken from its content, so that the broker
    /// redelivering the same message still makes one row, not two.
    /// </summary>
    private static string ContentId(string? routingKey, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(routingKey ?? string.Empty));
        hash.AppendData([0]);
        hash.AppendData(body);
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "Stored event {EventId} ({EventType}, {EntityKey}) in the outbox")]
    private partial void LogStored(string eventId, string eventType, string entityKey);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information,
        Message = "Event {EventId} ({EventType}) is already in the outbox; the redelivery is acknowledged")]
    private partial void LogDuplicate(string eventId, string eventType);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error,
        Message = "Rejected event {EventId} ({RoutingKey}): field {Field}: {Reason}; it goes to the error queue")]
    private partial void LogRejected(string eventId, string routingKey, string field, string reason);
}
