namespace Beans.Relay.Mapping;

/// <summary>An event that cannot be mapped to a Beans payload; it is never retried.</summary>
public sealed class EventRejectedException : Exception
{
    public EventRejectedException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    public EventRejectedException()
        : this("$", "rejected")
    {
    }

    public EventRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "$";
        Reason = message;
    }

    public EventRejectedException(string message)
        : this("$", message)
    {
    }

    /// <summary>
    /// The JSON path of the offending field, such as <c>customer.created_at</c>; <c>$</c> for the whole body.
    /// </summary>
    public string Field { get; } = "$";

    /// <summary>Why the field was rejected, without the field name.</summary>
    public string Reason { get; } = string.Empty;
}
