namespace Beans.Relay.Delivery;

/// <summary>How the outbox is delivered to Beans (<c>Delivery</c> section).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";
    public const int DefaultMaxConcurrency = 8;
    public const double DefaultJitter = 0.2;

    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Immediately, then 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h: about 23 h in all.</summary>
    public static IReadOnlyList<TimeSpan> DefaultRetrySchedule { get; } =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(3),
        TimeSpan.FromHours(6),
        TimeSpan.FromHours(12),
    ];

    /// <summary>
    /// The delay before each attempt: the first entry before the first attempt, and so on.
    /// After the last attempt fails the event becomes a dead letter. Empty means the default.
    /// </summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>The fraction by which each delay is randomly shortened or lengthened.</summary>
    public double Jitter { get; set; } = DefaultJitter;

    /// <summary>The longest one POST may take, connecting included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

    /// <summary>The longest a TCP and TLS connection to Beans may take to open.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>How many POSTs may be in flight at once.</summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

    /// <summary>How long a stopping relay lets deliveries in flight finish.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>The schedule in force: <see cref="RetrySchedule"/>, or the default when none is set.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule =>
        RetrySchedule.Count > 0 ? RetrySchedule : DefaultRetrySchedule;
}
