namespace Beans.Relay.Delivery;

/// <summary>The status rules and the retry schedule.</summary>
public sealed class DeliveryPolicy(IReadOnlyList<TimeSpan> schedule, double jitter, Func<double> random)
{
    /// <summary>How many attempts an event gets before it becomes a dead letter.</summary>
    public int MaxAttempts => schedule.Count;

    /// <summary>The longest step of the schedule, which also caps <c>Retry-After</c>.</summary>
    public TimeSpan LongestStep { get; } = schedule.Count == 0 ? TimeSpan.Zero : schedule.Max();

    public static DeliveryVerdict Judge(int? status) => status switch
    {
        null => DeliveryVerdict.Retryable,
        >= 200 and < 300 or 409 => DeliveryVerdict.Delivered,
        401 or 403 => DeliveryVerdict.KeyRejected,
        408 or 425 or 429 or >= 500 => DeliveryVerdict.Retryable,
        _ => DeliveryVerdict.Permanent,
    };

    /// <summary>
    /// The wait before the next attempt after <paramref name="attemptsMade"/> attempts failed, or null
    /// when the schedule is used up. A <paramref name="retryAfter"/> later than the step wins, capped
    /// at the longest step.
    /// </summary>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan? retryAfter)
    {
        if (attemptsMade >= schedule.Count)
        {
            return null;
        }

        var step = schedule[attemptsMade];
        var jittered = step * (1 + (jitter * ((random() * 2) - 1)));
        if (retryAfter is { } asked && asked > jittered)
        {
            return asked < LongestStep ? asked : LongestStep;
        }

        return jittered;
    }
}
