namespace Beans.Relay.Bench;

/// <summary>
/// Publish and receipt times of one run's events. The run is complete when the last event of
/// every entity has been received: the relay may supersede earlier ones, never the last.
/// </summary>
internal sealed class DeliveryTracker
{
    private readonly long[] _published;
    private readonly long[] _received;
    private readonly bool[] _isLast;
    private readonly int[] _entity;
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lastsPending;
    private int _posts;
    private int _repeats;

    /// <param name="run">The run number carried in each event's token.</param>
    /// <param name="events">The run's events.</param>
    /// <param name="everyEventIsPosted">True when nothing supersedes (the baseline): every event must arrive.</param>
    public DeliveryTracker(int run, IReadOnlyList<ShopEvent> events, bool everyEventIsPosted)
    {
        Run = run;
        _published = new long[events.Count];
        _received = new long[events.Count];
        _isLast = new bool[events.Count];
        _entity = [.. events.Select(item => item.Entity)];
        var seen = new HashSet<int>();
        for (var i = events.Count - 1; i >= 0; i--)
        {
            _isLast[i] = everyEventIsPosted || seen.Add(events[i].Entity);
        }

        _lastsPending = _isLast.Count(last => last);
        if (_lastsPending == 0)
        {
            _complete.SetResult();
        }
    }

    public int Run { get; }

    public int Count => _published.Length;

    public int Posts => Volatile.Read(ref _posts);

    /// <summary>POSTs of an event already received (a retry, or a redelivery).</summary>
    public int Repeats => Volatile.Read(ref _repeats);

    public Task Complete => _complete.Task;

    public void Published(int sequence, long at) => _published[sequence] = at;

    public void Received(int sequence, long at)
    {
        if ((uint)sequence >= (uint)_received.Length)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _received[sequence], at, 0) != 0)
        {
            Interlocked.Increment(ref _repeats);
            return;
        }

        Interlocked.Increment(ref _posts);
        if (_isLast[sequence] && Interlocked.Decrement(ref _lastsPending) == 0)
        {
            _complete.TrySetResult();
        }
    }

    /// <summary>Sums the run up: throughput over delivered events, latency over posted ones.</summary>
    public PhaseResult Summarize(string name)
    {
        var delivered = 0;
        var laterArrived = new HashSet<int>();
        long lastReceipt = 0;
        List<double> latencies = new(_received.Length);
        for (var i = _received.Length - 1; i >= 0; i--)
        {
            if (_received[i] != 0)
            {
                laterArrived.Add(_entity[i]);
                lastReceipt = Math.Max(lastReceipt, _received[i]);
                latencies.Add(Clock.Milliseconds(_published[i], _received[i]));
            }

            if (laterArrived.Contains(_entity[i]))
            {
                delivered++;
            }
        }

        var firstPublish = _published.Where(at => at != 0).DefaultIfEmpty(0).Min();
        var seconds = lastReceipt > firstPublish ? Clock.Seconds(firstPublish, lastReceipt) : double.NaN;
        latencies.Sort();
        return new PhaseResult(
            name,
            Count,
            delivered,
            Posts,
            Repeats,
            seconds,
            delivered / seconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            Percentile(latencies, 0.999),
            latencies.Count > 0 ? latencies[^1] : double.NaN);
    }

    private static double Percentile(List<double> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
