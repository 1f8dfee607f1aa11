namespace Beans.Relay.Delivery;

/// <summary>How a response is judged, before the schedule decides what follows.</summary>
public enum DeliveryVerdict
{
    /// <summary>2xx, or 409: Beans has it.</summary>
    Delivered,

    /// <summary>408, 425, 429, 5xx, no response: worth trying again later.</summary>
    Retryable,

    /// <summary>Any other status: the event itself is wrong for Beans; retrying cannot help.</summary>
    Permanent,

    /// <summary>401 or 403: the key is wrong or revoked, which is no fault of the event.</summary>
    KeyRejected,
}
