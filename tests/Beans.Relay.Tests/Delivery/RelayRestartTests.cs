using Beans.Relay.Outbox;
using Beans.Relay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Beans.Relay.Tests.Delivery;

/// <summary>The whole relay in process, stopped and started again on the same SQLite file.</summary>
[Collection(BrokerCollection.Name)]
public sealed class RelayRestartTests(RabbitMqBroker broker)
{
    private const string Customer = """
        {"id":1847,"first_name":"John","last_name":"Doe","email":"john.doe@example.com",
         "is_newsletter":true,"tags":["loyal","paying"],
         "created_at":"2020-02-06T12:49:47-05:00","updated_at":"2022-02-06T12:49:47-05:00"}
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RelayHost_RestartedWhileAnEventWaitsForARetry_NeitherResetsNorRepeatsTheAttempt()
    {
        var clock = new FakeTimeProvider();
        await using var relay = await RelayUnderTest.StartAsync(
            broker, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var up = false;
        relay.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(Volatile.Read(ref up) ? 200 : 503));

        await relay.PublishAsync("customer.created", Customer, messageId: "restart-1");
        var beforeStop = await WaitForRowAsync(relay, row => row.Attempts == 1);
        await relay.StopHostAsync();
        await relay.StartHostAsync();
        await Task.Delay(500);
        var afterStart = await WaitForRowAsync(relay, _ => true);
        var requestsAfterStart = relay.Receiver.Requests.Count;
        Volatile.Write(ref up, true);
        clock.Advance(TimeSpan.FromSeconds(6));
        var delivered = await WaitForRowAsync(relay, row => row.State == OutboxState.Delivered);

        Assert.Equal(1, afterStart.Attempts);
        Assert.Equal(beforeStop.NextAttemptAt, afterStart.NextAttemptAt);
        Assert.Equal(1, requestsAfterStart);
        Assert.Equal(2, delivered.Attempts);
        Assert.Equal(2, relay.Receiver.Requests.Count);
    }

    private static async Task<OutboxRow> WaitForRowAsync(RelayUnderTest relay, Func<OutboxRow, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var store = relay.App!.Services.GetRequiredService<OutboxStore>();
            if (await store.FindAsync("restart-1", CancellationToken.None) is { } row && condition(row))
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < deadline, "The row did not reach the expected state in time.");
            await Task.Delay(50);
        }
    }
}
