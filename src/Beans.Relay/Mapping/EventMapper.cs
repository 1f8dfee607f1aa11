namespace Beans.Relay.Mapping;

/// <summary>Turns a shop event (routing key and JSON body) into the request Beans expects.</summary>
public sealed class EventMapper(TimeZoneInfo shopTimeZone)
{
    /// <summary>The zone in which timestamps without an offset are read.</summary>
    public TimeZoneInfo ShopTimeZone { get; } = shopTimeZone;

    /// <summary>Maps one event.</summary>
    /// <param name="routingKey">The AMQP routing key (or <c>--type</c>), null when the envelope names the type.</param>
    /// <param name="body">The message body as received.</param>
    /// <exception cref="EventRejectedException">The event cannot be mapped; the exception names the field.</exception>
    public MappedEvent Map(string? routingKey, ReadOnlySpan<byte> body)
    {
        throw new NotImplementedException();
    }
}
