namespace Beans.Relay.Outbox;

/// <summary>
/// The outbox file cannot be written (disk full, read-only, I/O error). Nothing was stored; the
/// caller must not acknowledge what it was storing, and may try again later.
/// </summary>
public sealed class OutboxUnavailableException : Exception
{
    public OutboxUnavailableException()
        : this("The outbox cannot be written.")
    {
    }

    public OutboxUnavailableException(string message)
        : base(message)
    {
    }

    public OutboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
