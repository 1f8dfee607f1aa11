using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Beans.Relay.Tests.Infrastructure;
using Beans.Relay.Tests.Operations;
using Microsoft.Data.Sqlite;

namespace Beans.Relay.Tests.Reliability;

/// <summary>
/// Beans accepts connections and never answers. RabbitMQ 3.10 (Debian's) has no per-queue consumer
/// timeout to configure, and none is needed: the relay acknowledges a message as soon as the event
/// is committed to the outbox, never after the POST, so an unacknowledged message is only ever
/// waiting for a local SQLite commit (milliseconds) and a hanging Beans cannot hold a delivery tag
/// long enough for the broker's consumer timeout (30 minutes by default) to close the channel.
/// What can be observed is tested: the queue keeps draining while every POST hangs.
/// After <see cref="Beans.Relay.Delivery.DeliveryGate.FailuresBeforeProbing"/> timeouts in a row the
/// relay sends one probe at a time, so the events are few enough for each to be tried twice or more.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BeansHangTests(RabbitMqBroker broker)
{
    private const int EventsBeforeHang = 3;
    private const int EventsDuringHang = 9;
    private static readonly TimeSpan HangFor = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Beans_HangsLongerThanSeveralAttemptTimeouts_AttemptsRetryBrokerStaysDrainedAndEverythingArrivesAfter()
    {
        LocalBroker.RequireControl(broker.RequireUrl());
        string[] args =
        [
            "--Delivery:AttemptTimeout=00:00:01",
            "--Delivery:Jitter=0",
            "--Delivery:RetrySchedule:0=00:00:00",
            .. Enumerable.Range(1, 40).Select(i => $"--Delivery:RetrySchedule:{i}=00:00:00.500"),
        ];
        await using var relay = await RelayUnderTest.StartAsync(broker, args);
        using var ops = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };
        var hanging = true;
        var arrivals = new ConcurrentDictionary<long, int>();
        relay.Receiver.Respond = request =>
        {
            arrivals.AddOrUpdate(CustomerId(request), 1, (_, count) => count + 1);
            return Task.FromResult(Volatile.Read(ref hanging) ? ReceiverAnswer.Hang : new ReceiverAnswer(200));
        };

        await PublishCustomersAsync(relay, 1, EventsBeforeHang);
        var hang = Stopwatch.StartNew();
        var readyStatuses = new List<HttpStatusCode>();
        await PublishCustomersAsync(relay, EventsBeforeHang + 1, EventsDuringHang);
        var drainedDuringHang = false;
        while (hang.Elapsed < HangFor)
        {
            using var ready = await ops.GetAsync(new Uri("/health/ready", UriKind.Relative));
            readyStatuses.Add(ready.StatusCode);
            drainedDuringHang |= await OpsTestSupport.CountAsync(relay.DatabasePath, "1 = 1") == EventsBeforeHang + EventsDuringHang
                && LocalBroker.QueueDepth(relay.Queue) == 0;
            await Task.Delay(500);
        }

        var retrying = await RetryingRowsAsync(relay.DatabasePath);
        var depthDuringHang = LocalBroker.QueueDepth(relay.Queue);
        var delivered200 = await OpsTestSupport.CountAsync(relay.DatabasePath, "state = 1");
        Volatile.Write(ref hanging, false);
        await OpsTestSupport.WaitForCountAsync(relay.DatabasePath, "state = 1", EventsBeforeHang + EventsDuringHang);
        var attempts = await AttemptsByCustomerAsync(relay.DatabasePath);

        Assert.Equal(0, delivered200);
        Assert.NotEmpty(retrying);
        Assert.All(retrying, row => Assert.Matches("no response within 1 s|timed out", row.LastError));
        Assert.Contains(retrying, row => row.Attempts >= 2);
        Assert.True(drainedDuringHang, "the queue never drained while Beans hung");
        Assert.Equal(0, depthDuringHang);
        Assert.All(readyStatuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(Enumerable.Range(1, EventsBeforeHang + EventsDuringHang).Select(id => (long)id), arrivals.Keys.Order());
        Assert.Equal(attempts.OrderBy(pair => pair.Key), arrivals.OrderBy(pair => pair.Key));
        Assert.Equal(0, await OpsTestSupport.CountAsync(relay.DatabasePath, "state = 2"));
    }

    private static async Task PublishCustomersAsync(RelayUnderTest relay, int first, int count)
    {
        var template = SharedSamples.ReadText("beans/customer.json");
        for (var id = first; id < first + count; id++)
        {
            var text = id.ToString(CultureInfo.InvariantCulture);
            await relay.PublishAsync("customer.created", template.Replace("1847", text, StringComparison.Ordinal), "hang-" + text);
        }
    }

    private static long CustomerId(ReceivedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("id").GetInt64();

    private static async Task<List<(long Attempts, string LastError)>> RetryingRowsAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT attempts, last_error FROM outbox WHERE state = 0 AND attempts > 0";
        await using var reader = await command.ExecuteReaderAsync();
        List<(long, string)> rows = [];
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Each customer's recorded attempt count: every POST Beans saw must be one of them.</summary>
    private static async Task<Dictionary<long, int>> AttemptsByCustomerAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body, attempts FROM outbox";
        await using var reader = await command.ExecuteReaderAsync();
        Dictionary<long, int> attempts = [];
        while (await reader.ReadAsync())
        {
            var id = JsonDocument.Parse(reader.GetString(0)).RootElement.GetProperty("id").GetInt64();
            attempts[id] = reader.GetInt32(1);
        }

        return attempts;
    }
}
