using Beans.Relay.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Delivery;

/// <summary>
/// Delivers the outbox to Beans: claims due rows that head their entity's queue, POSTs them with
/// bounded concurrency, and stores each outcome. It wakes when rows are committed and otherwise
/// sleeps until the next row falls due.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan CrashPause = TimeSpan.FromSeconds(5);

    private readonly OutboxStore _store;
    private readonly OutboxSignal _signal;
    private readonly BeansClient _client;
    private readonly DeliveryGate _gate;
    private readonly DeliveryPolicy _policy;
    private readonly DeliveryOptions _options;
    private readonly OutboxOptions _outboxOptions;
    private readonly TimeProvider _timeProvider;
    private readonly RelayMetrics _metrics;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly Dictionary<long, (string EntityKey, Task Delivery)> _inFlight = [];
    private readonly Lock _inFlightLock = new();

    // POSTs under way. A row stays in _inFlight (its entity busy) until its outcome is committed,
    // but frees its place here as soon as Beans has answered, so the wait for the commit does not
    // hold up other entities' deliveries.
    private int _posting;
    private readonly CancellationTokenSource _deliveryAbort = new();
    private DateTimeOffset _nextPrune;

    public OutboxDispatcher(
        OutboxStore store,
        OutboxSignal signal,
        BeansClient client,
        DeliveryGate gate,
        IOptions<DeliveryOptions> options,
        IOptions<OutboxOptions> outboxOptions,
        TimeProvider timeProvider,
        RelayMetrics metrics,
        ILogger<OutboxDispatcher> logger)
    {
        _store = store;
        _signal = signal;
        _client = client;
        _gate = gate;
        _options = options.Value;
        _outboxOptions = outboxOptions.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _policy = new DeliveryPolicy(_options.EffectiveRetrySchedule, _options.Jitter, Random.Shared.NextDouble);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        Task[] running;
        lock (_inFlightLock)
        {
            running = [.. _inFlight.Values.Select(entry => entry.Delivery)];
        }

        if (running.Length > 0)
        {
            LogDraining(running.Length, _options.ShutdownTimeout);
            _deliveryAbort.CancelAfter(_options.ShutdownTimeout);
            await Task.WhenAll(running)
                .WaitAsync(cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override void Dispose()
    {
        _deliveryAbort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneWhenDueAsync(stoppingToken);
                var started = await StartDueDeliveriesAsync(stoppingToken);
                if (!started)
                {
                    await SleepAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogDispatchFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), _timeProvider, stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<bool> StartDueDeliveriesAsync(CancellationToken cancellationToken)
    {
        var (inFlightIds, busyEntities) = SnapshotInFlight();
        if (_store.WriteFault is not null)
        {
            // An outcome that cannot be stored would be posted again later: wait until the outbox recovers.
            return false;
        }

        var capacity = _gate.AllowedConcurrency(_options.MaxConcurrency) - Volatile.Read(ref _posting);
        if (capacity <= 0)
        {
            return false;
        }

        var due = await _store.GetDueHeadsAsync(inFlightIds, capacity + busyEntities.Count, cancellationToken);
        var started = 0;
        foreach (var row in due.Where(row => !busyEntities.Contains(row.EntityKey)).Take(capacity))
        {
            Start(row);
            started++;
        }

        return started > 0;
    }

    private void Start(OutboxRow row)
    {
        lock (_inFlightLock)
        {
            Interlocked.Increment(ref _posting);
            var delivery = Task.Run(() => DeliverAsync(row), CancellationToken.None);
            _inFlight[row.Id] = (row.EntityKey, delivery);
        }
    }

    private async Task DeliverAsync(OutboxRow row)
    {
        try
        {
            var attemptedAt = _timeProvider.GetUtcNow();
            var (attempt, record) = await PostAndDecideAsync(row, attemptedAt);
            await _store.RecordAttemptAsync(record, CancellationToken.None);
            Report(row, record, attempt);
        }
        catch (OperationCanceledException) when (_deliveryAbort.IsCancellationRequested)
        {
            // Stopping, and Delivery:ShutdownTimeout has passed: the row stays pending, attempt count
            // unchanged, and the next start posts it again (Beans may then see it twice).
            LogAbandoned(row.EventId, _options.ShutdownTimeout);
        }
        catch (OutboxUnavailableException exception)
        {
            // The writer has said why, once; this row will be posted again once the outbox is writable.
            LogOutcomeNotStored(row.EventId, exception.Message);
            await Task.Delay(CrashPause, _timeProvider, _deliveryAbort.Token)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (Exception exception)
        {
            // The row stays pending with its attempt count unchanged. It stays counted as in flight a
            // little longer, so that a failure outside HTTP (the outbox refusing writes, say) does not
            // turn into a loop re-posting the same event as fast as Beans answers.
            LogDeliveryCrashed(exception, row.EventId, CrashPause);
            await Task.Delay(CrashPause, _timeProvider, _deliveryAbort.Token)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            lock (_inFlightLock)
            {
                _inFlight.Remove(row.Id);
            }

            _signal.Notify();
        }
    }

    /// <summary>
    /// POSTs the row and judges the answer, then frees the row's concurrency slot. The gate hears the
    /// verdict before the slot is free, so a refused probe cannot let a second probe through.
    /// </summary>
    private async Task<(HttpAttempt Attempt, AttemptRecord Record)> PostAndDecideAsync(
        OutboxRow row,
        DateTimeOffset attemptedAt)
    {
        try
        {
            var attempt = await _client.PostAsync(row.Hook, row.Body, _deliveryAbort.Token);
            return (attempt, Decide(row, attempt, attemptedAt));
        }
        finally
        {
            Interlocked.Decrement(ref _posting);
            _signal.Notify();
        }
    }

    private AttemptRecord Decide(OutboxRow row, HttpAttempt attempt, DateTimeOffset attemptedAt)
    {
        var verdict = DeliveryPolicy.Judge(attempt.Status);
        if (_gate.Record(verdict))
        {
            LogKeyRejected(attempt.Status ?? 0, _gate.NextProbeAt);
        }

        var now = _timeProvider.GetUtcNow();
        var at = attemptedAt.ToUnixTimeMilliseconds();
        return verdict switch
        {
            DeliveryVerdict.Delivered => Record(row, AttemptResult.Delivered, at, 0, attempt),
            DeliveryVerdict.Permanent => Record(row, AttemptResult.Dead, at, 0, attempt),
            DeliveryVerdict.KeyRejected => Record(
                row, AttemptResult.Held, at, (_gate.NextProbeAt ?? now).ToUnixTimeMilliseconds(), attempt),
            _ => _policy.NextDelay(row.Attempts + 1, attempt.RetryAfter) is { } delay
                ? Record(row, AttemptResult.RetryLater, at, (now + delay).ToUnixTimeMilliseconds(), attempt)
                : Record(row, AttemptResult.Dead, at, 0, attempt),
        };
    }

    private static AttemptRecord Record(OutboxRow row, AttemptResult result, long at, long next, HttpAttempt attempt) =>
        new(row.Id, result, at, next, attempt.Status, attempt.Error, attempt.ResponseExcerpt);

    private void Report(OutboxRow row, AttemptRecord record, HttpAttempt attempt)
    {
        var status = attempt.Status ?? 0;
        var attempts = row.Attempts + 1;
        switch (record.Result)
        {
            case AttemptResult.Delivered:
                _metrics.Delivered(row, status, _timeProvider.GetUtcNow());
                LogDelivered(row.EventId, row.EventType, row.EntityKey, status, attempts);
                break;
            case AttemptResult.RetryLater:
                _metrics.Retried(row, status);
                LogRetrying(row.EventId, row.EventType, attempts, attempt.Error,
                    DateTimeOffset.FromUnixTimeMilliseconds(record.NextAttemptAt));
                break;
            case AttemptResult.Dead:
                _metrics.DeadLettered(row, status);
                LogDeadLettered(row.EventId, row.EventType, row.EntityKey, attempts, attempt.Error);
                break;
            default:
                LogHeld(row.EventId, status);
                break;
        }
    }

    private (List<long> Ids, HashSet<string> Entities) SnapshotInFlight()
    {
        lock (_inFlightLock)
        {
            return ([.. _inFlight.Keys], [.. _inFlight.Values.Select(entry => entry.EntityKey)]);
        }
    }

    private async Task SleepAsync(CancellationToken cancellationToken)
    {
        var (inFlightIds, _) = SnapshotInFlight();
        var now = _timeProvider.GetUtcNow();
        var wakeAt = now + LongestSleep;
        if (_gate.AllowedConcurrency(_options.MaxConcurrency) > Volatile.Read(ref _posting))
        {
            var nextDue = await _store.GetNextDueAsync(inFlightIds, cancellationToken);
            if (nextDue is { } due && due < wakeAt)
            {
                // A due row that could not start (its entity is busy) is retried when a delivery ends.
                wakeAt = due > now ? due : now + LongestSleep;
            }
        }

        if (_gate.NextProbeAt is { } probeAt && probeAt < wakeAt)
        {
            wakeAt = probeAt;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wakeAt > now ? wakeAt - now : TimeSpan.Zero, _timeProvider, wake.Token);
        await Task.WhenAny(_signal.WaitAsync(wake.Token), delay);
        await wake.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task PruneWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + PruneInterval;
        var pruned = await _store.PruneAsync(now - _outboxOptions.DeliveredRetention, cancellationToken);
        if (pruned > 0)
        {
            LogPruned(pruned);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information,
        Message = "Delivered event {EventId} ({EventType}, {EntityKey}) with HTTP {Status} on attempt {Attempts}")]
    private partial void LogDelivered(string eventId, string eventType, string entityKey, int status, int attempts);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning,
        Message = "Event {EventId} ({EventType}) failed attempt {Attempts}: {Error}; "
            + "next attempt at {NextAttemptAt:O}")]
    private partial void LogRetrying(
        string eventId,
        string eventType,
        int attempts,
        string? error,
        DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error,
        Message = "Event {EventId} ({EventType}, {EntityKey}) is a dead letter after {Attempts} attempts: {Error}")]
    private partial void LogDeadLettered(
        string eventId,
        string eventType,
        string entityKey,
        int attempts,
        string? error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error,
        Message = "Beans refused the secret key (HTTP {Status}): delivery is paused, no event is dropped; "
            + "next probe at {ProbeAt:O}. Check Beans:SecretKey")]
    private partial void LogKeyRejected(int status, DateTimeOffset? probeAt);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information,
        Message = "Event {EventId} held while Beans refuses the key (HTTP {Status})")]
    private partial void LogHeld(string eventId, int status);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error,
        Message = "Delivery of event {EventId} failed unexpectedly; it stays pending and is tried again after {Pause}")]
    private partial void LogDeliveryCrashed(Exception exception, string eventId, TimeSpan pause);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning,
        Message = "Event {EventId} was attempted but its outcome could not be stored ({Reason}); "
            + "it stays pending and may be posted again")]
    private partial void LogOutcomeNotStored(string eventId, string reason);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error,
        Message = "The dispatcher failed; it tries again in a second")]
    private partial void LogDispatchFailed(Exception exception);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information,
        Message = "Stopping: waiting up to {Timeout} for {Count} deliveries in flight")]
    private partial void LogDraining(int count, TimeSpan timeout);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning,
        Message = "Delivery of event {EventId} was abandoned after the shutdown timeout ({Timeout}); it stays pending")]
    private partial void LogAbandoned(string eventId, TimeSpan timeout);

    [LoggerMessage(EventId = 208, Level = LogLevel.Information,
        Message = "Pruned {Count} delivered rows past their retention")]
    private partial void LogPruned(int count);
}
