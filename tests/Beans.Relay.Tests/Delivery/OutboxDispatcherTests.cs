using Beans.Relay.Delivery;
using Beans.Relay.Outbox;
using Beans.Relay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Beans.Relay.Tests.Delivery;

/// <summary>
/// The dispatcher against a real receiver and a real SQLite file, on a fake clock where the
/// schedule matters.
/// </summary>
public sealed class OutboxDispatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Dispatch_ServiceUnavailableTwiceThenOk_DeliversOnTheThirdAttempt()
    {
        var clock = new FakeTimeProvider();
        await using var delivery = await DeliveryUnderTest.StartAsync(clock);
        var calls = 0;
        delivery.Receiver.Respond = _ =>
            Task.FromResult(new ReceiverAnswer(Interlocked.Increment(ref calls) <= 2 ? 503 : 200));

        await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"));
        var first = await delivery.WaitForRowAsync("e1", row => row.Attempts == 1, Patience);
        clock.Advance(TimeSpan.FromSeconds(6));
        var second = await delivery.WaitForRowAsync("e1", row => row.Attempts == 2, Patience);
        clock.Advance(TimeSpan.FromSeconds(36));
        var delivered = await delivery.WaitForRowAsync("e1", row => row.State == OutboxState.Delivered, Patience);

        Assert.InRange(first.NextAttemptAt - first.LastAttemptAt!.Value, 4_000, 6_000);
        Assert.InRange(second.NextAttemptAt - second.LastAttemptAt!.Value, 24_000, 36_000);
        Assert.Equal(3, delivered.Attempts);
        Assert.Equal(200, delivered.LastStatus);
        Assert.Equal(3, delivery.Receiver.Requests.Count);
    }

    [Fact]
    public async Task Dispatch_TooManyRequestsWithRetryAfter_WaitsAtLeastThatLong()
    {
        var clock = new FakeTimeProvider();
        Dictionary<string, string> schedule = new()
        {
            ["Delivery:RetrySchedule:0"] = "00:00:00",
            ["Delivery:RetrySchedule:1"] = "00:00:01",
            ["Delivery:RetrySchedule:2"] = "00:01:00",
        };
        await using var delivery = await DeliveryUnderTest.StartAsync(clock, schedule);
        var calls = 0;
        delivery.Receiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? new ReceiverAnswer(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "3" })
            : new ReceiverAnswer(200));

        await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"));
        var waiting = await delivery.WaitForRowAsync("e1", row => row.Attempts == 1, Patience);
        clock.Advance(TimeSpan.FromSeconds(2.5));
        await Task.Delay(300);
        var requestsBeforeThreeSeconds = delivery.Receiver.Requests.Count;
        clock.Advance(TimeSpan.FromSeconds(0.6));
        var delivered = await delivery.WaitForRowAsync("e1", row => row.State == OutboxState.Delivered, Patience);

        Assert.Equal(3_000, waiting.NextAttemptAt - waiting.LastAttemptAt!.Value);
        Assert.Equal(429, waiting.LastStatus);
        Assert.Equal(1, requestsBeforeThreeSeconds);
        Assert.Equal(2, delivered.Attempts);
    }

    [Fact]
    public async Task Dispatch_ServiceUnavailableWithRetryAfterDate_WaitsUntilThatDate()
    {
        var clock = new FakeTimeProvider();
        await using var delivery = await DeliveryUnderTest.StartAsync(clock);
        var retryAt = clock.GetUtcNow() + TimeSpan.FromSeconds(20);
        var calls = 0;
        delivery.Receiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? new ReceiverAnswer(
                503, Headers: new Dictionary<string, string> { ["Retry-After"] = retryAt.ToString("R") })
            : new ReceiverAnswer(200));

        await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"));
        var waiting = await delivery.WaitForRowAsync("e1", row => row.Attempts == 1, Patience);

        Assert.Equal(retryAt.ToUnixTimeMilliseconds(), waiting.NextAttemptAt);
        Assert.Equal(503, waiting.LastStatus);
    }

    [Fact]
    public async Task Dispatch_UnprocessableEntity_IsADeadLetterAtOnceWithStatusAndExcerpt()
    {
        await using var delivery = await DeliveryUnderTest.StartAsync();
        var body = "{\"error\":{\"code\":\"invalid\",\"message\":\"" + new string('x', 3_000) + "\"}}";
        delivery.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(422, body));

        await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"));
        var dead = await delivery.WaitForRowAsync("e1", row => row.State != OutboxState.Pending, Patience);

        Assert.Equal(OutboxState.Dead, dead.State);
        Assert.Equal(1, dead.Attempts);
        Assert.Equal(422, dead.LastStatus);
        Assert.Equal(body[..BeansClient.ExcerptBytes], dead.ResponseExcerpt);
        Assert.Single(delivery.Receiver.Requests);
    }

    [Fact]
    public async Task Dispatch_Conflict_IsDelivered()
    {
        await using var delivery = await DeliveryUnderTest.StartAsync();
        delivery.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(409, """{"error":{"code":"duplicate"}}"""));

        await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"));
        var row = await delivery.WaitForRowAsync("e1", row => row.State != OutboxState.Pending, Patience);

        Assert.Equal(OutboxState.Delivered, row.State);
        Assert.Equal(409, row.LastStatus);
        Assert.Single(delivery.Receiver.Requests);
    }

    [Fact]
    public async Task Dispatch_KeyRefused_PausesWithoutDeadLettersAndResumesWhenAccepted()
    {
        var clock = new FakeTimeProvider();
        await using var delivery = await DeliveryUnderTest.StartAsync(clock);
        var accepted = false;
        delivery.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(Volatile.Read(ref accepted) ? 200 : 401));
        var gate = delivery.Services.GetRequiredService<DeliveryGate>();

        await delivery.AddAsync(DeliveryUnderTest.Upsert("e1", "customer:1"));
        await delivery.WaitForRowAsync("e1", row => row.LastStatus == 401, Patience);
        await delivery.AddAsync(
            DeliveryUnderTest.Upsert("e2", "customer:2"), DeliveryUnderTest.Upsert("e3", "order:3"));
        await Task.Delay(300);
        var pausedRequests = delivery.Receiver.Requests.Count;
        var pausedStatus = await delivery.Store.GetStatusAsync(CancellationToken.None);
        var wasPaused = gate.IsPaused;
        clock.Advance(TimeSpan.FromSeconds(30));
        await delivery.Receiver.WaitForAsync(pausedRequests + 1, Patience);
        await Task.Delay(300);
        var afterFirstProbe = delivery.Receiver.Requests.Count;
        Volatile.Write(ref accepted, true);
        clock.Advance(TimeSpan.FromSeconds(60));
        foreach (var id in new[] { "e1", "e2", "e3" })
        {
            await delivery.WaitForRowAsync(id, row => row.State == OutboxState.Delivered, Patience);
        }

        Assert.True(wasPaused);
        Assert.Equal(1, pausedRequests);
        Assert.Equal(3, pausedStatus.Pending);
        Assert.Equal(0, pausedStatus.Dead);
        Assert.Equal(pausedRequests + 1, afterFirstProbe);
        Assert.False(gate.IsPaused);
        Assert.Equal(0, (await delivery.Store.GetStatusAsync(CancellationToken.None)).Dead);
    }

    [Fact]
    public async Task Dispatch_OneEntityRetrying_HoldsBackOnlyItsOwnLaterEvents()
    {
        var clock = new FakeTimeProvider();
        await using var delivery = await DeliveryUnderTest.StartAsync(clock);
        delivery.Receiver.Respond = request => Task.FromResult(
            new ReceiverAnswer(DeliveryUnderTest.EventIdOf(request) == "a1" ? 503 : 200));

        await delivery.AddAsync(
            DeliveryUnderTest.Delete("a1", "customer:1"),
            DeliveryUnderTest.Upsert("a2", "customer:1"),
            DeliveryUnderTest.Upsert("b1", "customer:2"));
        var other = await delivery.WaitForRowAsync("b1", row => row.State == OutboxState.Delivered, Patience);
        var failing = await delivery.WaitForRowAsync("a1", row => row.Attempts == 1, Patience);
        await Task.Delay(300);
        var held = await delivery.Store.FindAsync("a2", CancellationToken.None);

        Assert.Equal(OutboxState.Delivered, other.State);
        Assert.Equal(OutboxState.Pending, failing.State);
        Assert.Equal(0, held!.Attempts);
        Assert.DoesNotContain(delivery.Receiver.Requests, request => DeliveryUnderTest.EventIdOf(request) == "a2");
    }

    [Fact]
    public async Task Dispatch_OutageThenRecovery_DeliversEverythingWithoutDeadLetters()
    {
        var clock = new FakeTimeProvider();
        await using var delivery = await DeliveryUnderTest.StartAsync(clock);
        var down = true;
        delivery.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(Volatile.Read(ref down) ? 503 : 200));
        var gate = delivery.Services.GetRequiredService<DeliveryGate>();
        var ids = Enumerable.Range(1, 20).Select(i => $"e{i}").ToList();

        await delivery.AddAsync([.. ids.Select(id => DeliveryUnderTest.Upsert(id, "order:" + id))]);
        foreach (var id in ids)
        {
            await delivery.WaitForRowAsync(id, row => row.Attempts >= 1, Patience);
        }

        var probing = gate.IsProbing;
        Volatile.Write(ref down, false);
        for (var step = 0;
             step < 20 && (await delivery.Store.GetStatusAsync(CancellationToken.None)).Pending > 0;
             step++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(200);
        }

        var status = await delivery.Store.GetStatusAsync(CancellationToken.None);
        Assert.True(probing);
        Assert.Equal(0, status.Pending);
        Assert.Equal(0, status.Dead);
        Assert.Equal(20, status.Delivered);
        Assert.False(gate.IsProbing);
        Assert.Equal(ids.Order(), delivery.Receiver.Requests
            .Where(request => request.Body.Length > 0).Select(DeliveryUnderTest.EventIdOf).Distinct().Order());
    }

    [Fact]
    public async Task Dispatch_NewerUpserts_SupersedeOlderUnsentOnesButNeverADelete()
    {
        var clock = new FakeTimeProvider();
        await using var delivery = await DeliveryUnderTest.StartAsync(clock);
        var calls = 0;
        delivery.Receiver.Respond = _ =>
            Task.FromResult(new ReceiverAnswer(Interlocked.Increment(ref calls) == 1 ? 503 : 200));

        await delivery.AddAsync(DeliveryUnderTest.Upsert("u1"));
        await delivery.WaitForRowAsync("u1", row => row.Attempts == 1, Patience);
        await delivery.AddAsync(
            DeliveryUnderTest.Upsert("u2"),
            DeliveryUnderTest.Upsert("u3"),
            DeliveryUnderTest.Delete("d4"),
            DeliveryUnderTest.Upsert("u5"),
            DeliveryUnderTest.Upsert("u6"));
        await delivery.WaitForRowAsync("u6", row => row.State == OutboxState.Delivered, Patience);
        var states = new Dictionary<string, OutboxState>();
        foreach (var id in new[] { "u1", "u2", "u3", "d4", "u5", "u6" })
        {
            states[id] = (await delivery.Store.FindAsync(id, CancellationToken.None))!.State;
        }

        Assert.Equal(
            ["u1", "u3", "d4", "u6"],
            delivery.Receiver.Requests.Select(DeliveryUnderTest.EventIdOf));
        Assert.Equal(OutboxState.Superseded, states["u1"]);
        Assert.Equal(OutboxState.Superseded, states["u2"]);
        Assert.Equal(OutboxState.Delivered, states["u3"]);
        Assert.Equal(OutboxState.Delivered, states["d4"]);
        Assert.Equal(OutboxState.Superseded, states["u5"]);
        Assert.Equal(OutboxState.Delivered, states["u6"]);
    }

    [Fact]
    public async Task Dispatch_ManyEventsOfOneEntity_ArriveInConsumedOrder()
    {
        await using var delivery = await DeliveryUnderTest.StartAsync();
        var ids = Enumerable.Range(1, 30).Select(i => $"e{i}").ToList();

        foreach (var id in ids)
        {
            var own = id.EndsWith('0')
                ? DeliveryUnderTest.Delete(id, "order:7")
                : DeliveryUnderTest.Upsert(id, "order:7");
            await delivery.AddAsync(own, DeliveryUnderTest.Upsert("other-" + id, "order:" + id));
        }

        await delivery.WaitForRowAsync("e30", row => row.State == OutboxState.Delivered, Patience);

        var sequence = delivery.Receiver.Requests
            .Select(DeliveryUnderTest.EventIdOf)
            .Where(id => !id.StartsWith("other-", StringComparison.Ordinal))
            .Select(id => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(sequence.Order(), sequence);
        Assert.Contains(30, sequence);
    }

    [Fact]
    public async Task Dispatch_FailureWhoseBodyStalls_IsRetriedAfterTheAttemptTimeout()
    {
        Dictionary<string, string> settings = new()
        {
            ["Delivery:AttemptTimeout"] = "00:00:01",
            ["Delivery:RetrySchedule:0"] = "00:00:00",
            ["Delivery:RetrySchedule:1"] = "00:00:00.200",
        };
        await using var delivery = await DeliveryUnderTest.StartAsync(settings: settings);
        var calls = 0;
        delivery.Receiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? new ReceiverAnswer(503, "{\"error\":\"busy\"}", BodyStall: TimeSpan.FromMinutes(2))
            : new ReceiverAnswer(200));

        await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"));
        var row = await delivery.WaitForRowAsync("e1", row => row.State != OutboxState.Pending, Patience);

        Assert.Equal(OutboxState.Delivered, row.State);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task Dispatch_AfterARestart_KeepsTheAttemptCountAndTheNextAttemptTime()
    {
        var clock = new FakeTimeProvider();
        await using var delivery = await DeliveryUnderTest.StartAsync(clock);
        var up = false;
        delivery.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(Volatile.Read(ref up) ? 200 : 503));

        await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"));
        var beforeStop = await delivery.WaitForRowAsync("e1", row => row.Attempts == 1, Patience);
        await delivery.StopHostAsync();
        await delivery.StartHostAsync();
        await Task.Delay(500);
        var afterStart = await delivery.Store.FindAsync("e1", CancellationToken.None);
        var requestsAfterStart = delivery.Receiver.Requests.Count;
        Volatile.Write(ref up, true);
        clock.Advance(TimeSpan.FromSeconds(6));
        var delivered = await delivery.WaitForRowAsync("e1", row => row.State == OutboxState.Delivered, Patience);

        Assert.Equal(1, afterStart!.Attempts);
        Assert.Equal(beforeStop.NextAttemptAt, afterStart.NextAttemptAt);
        Assert.Equal(1, requestsAfterStart);
        Assert.Equal(2, delivered.Attempts);
    }

    [Fact]
    public async Task Prune_AfterTheRetention_RemovesDeliveredRowsAndKeepsDeadLetters()
    {
        var clock = new FakeTimeProvider();
        await using var delivery = await DeliveryUnderTest.StartAsync(clock);
        delivery.Receiver.Respond = request => Task.FromResult(
            new ReceiverAnswer(DeliveryUnderTest.EventIdOf(request) == "bad" ? 400 : 200));

        await delivery.AddAsync(
            DeliveryUnderTest.Upsert("good", "customer:1"), DeliveryUnderTest.Upsert("bad", "customer:2"));
        await delivery.WaitForRowAsync("good", row => row.State == OutboxState.Delivered, Patience);
        await delivery.WaitForRowAsync("bad", row => row.State == OutboxState.Dead, Patience);
        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(2));
        var deadline = DateTime.UtcNow + Patience;
        while (await delivery.Store.FindAsync("good", CancellationToken.None) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Null(await delivery.Store.FindAsync("good", CancellationToken.None));
        Assert.NotNull(await delivery.Store.FindAsync("bad", CancellationToken.None));
    }
}
