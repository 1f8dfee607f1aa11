namespace Beans.Relay.Delivery;

/// <summary>
/// Decides how many deliveries may run at once from how Beans has been answering: all of them
/// while it answers well, one probe at a time while it seems down, and none between the probes
/// while it refuses the secret key.
/// </summary>
public sealed class DeliveryGate(TimeProvider timeProvider)
{
    /// <summary>Retryable failures in a row after which Beans is taken to be down.</summary>
    public const int FailuresBeforeProbing = 5;

    public static readonly TimeSpan FirstKeyProbeDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestKeyProbeDelay = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private int _failuresInRow;
    private TimeSpan _keyProbeDelay = FirstKeyProbeDelay;
    private DateTimeOffset? _keyProbeAt;

    /// <summary>True while Beans refuses the key; delivery waits between probes.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _keyProbeAt is not null;
            }
        }
    }

    /// <summary>Why delivery is paused, or null.</summary>
    public string? PauseReason => IsPaused
        ? "Beans refuses the secret key (HTTP 401/403); check Beans:SecretKey. Probing until it is accepted."
        : null;

    /// <summary>True while retryable failures come in a row and only one probe runs at a time.</summary>
    public bool IsProbing
    {
        get
        {
            lock (_lock)
            {
                return _failuresInRow >= FailuresBeforeProbing;
            }
        }
    }

    /// <summary>How many deliveries may run now, at most <paramref name="maxConcurrency"/>.</summary>
    public int AllowedConcurrency(int maxConcurrency)
    {
        lock (_lock)
        {
            if (_keyProbeAt is { } probeAt)
            {
                return timeProvider.GetUtcNow() >= probeAt ? 1 : 0;
            }

            return _failuresInRow >= FailuresBeforeProbing ? 1 : maxConcurrency;
        }
    }

    /// <summary>When a paused gate lets its next probe through, or null when it is not paused.</summary>
    public DateTimeOffset? NextProbeAt
    {
        get
        {
            lock (_lock)
            {
                return _keyProbeAt;
            }
        }
    }

    /// <summary>Records what an attempt's response said about Beans (not about the event).</summary>
    /// <returns>True when this verdict paused delivery that was running.</returns>
    public bool Record(DeliveryVerdict verdict)
    {
        lock (_lock)
        {
            switch (verdict)
            {
                case DeliveryVerdict.KeyRejected:
                    var now = timeProvider.GetUtcNow();
                    if (_keyProbeAt is { } probeAt && now < probeAt)
                    {
                        // A request sent before the pause began: the pause already accounts for it.
                        return false;
                    }

                    var wasRunning = _keyProbeAt is null;
                    _keyProbeAt = now + _keyProbeDelay;
                    _keyProbeDelay = Min(_keyProbeDelay * 2, LongestKeyProbeDelay);
                    return wasRunning;
                case DeliveryVerdict.Retryable:
                    _failuresInRow++;
                    return false;
                default:
                    _failuresInRow = 0;
                    _keyProbeAt = null;
                    _keyProbeDelay = FirstKeyProbeDelay;
                    return false;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
