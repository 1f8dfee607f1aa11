using System.Diagnostics;
using System.Net;
using Beans.Relay.Tests.Infrastructure;
using Beans.Relay.Tests.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beans.Relay.Tests.Reliability;

[Collection(BrokerCollection.Name)]
public sealed class DiskFullTests(RabbitMqBroker broker)
{
    private const int EventsWhileFull = 40;

    [Fact]
    public async Task OutboxDiskFull_StopsAcknowledgingAndReportsNotReady_ThenRecoversWithNoEventLost()
    {
        broker.RequireUrl();
        using var disk = SmallDisk.MountOrSkip(megabytes: 4);
        var logs = new CapturedLogs();
        await using var relay = await RelayUnderTest.StartAsync(
            broker,
            [$"--Outbox:DatabasePath={Path.Combine(disk.Path, "relay.db")}"],
            services => services.AddSingleton<ILoggerProvider>(logs));
        using var ops = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };
        await PublishCustomersAsync(relay, 1, 3);
        await relay.Receiver.WaitForAsync(3, TimeSpan.FromSeconds(20));
        await WaitForDeliveredRowsAsync(relay, 3);

        disk.Fill();
        await PublishCustomersAsync(relay, 100, EventsWhileFull);
        var notReady = await Readiness.BecomesAsync(ops, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var deliveredWhileFull = relay.Receiver.Requests.Count;
        disk.Free();
        var requests = await relay.Receiver.WaitForAsync(3 + EventsWhileFull, TimeSpan.FromSeconds(90));
        var readyAgain = await Readiness.BecomesAsync(ops, HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        Assert.True(notReady, "/health/ready never reported the full disk");
        Assert.Equal(3, deliveredWhileFull);
        Assert.True(readyAgain, "/health/ready did not recover after space returned");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3 + EventsWhileFull, relay.Receiver.Requests.Select(r => r.Body).Distinct().Count());
        Assert.Equal(3 + EventsWhileFull, relay.Receiver.Requests.Count);
        Assert.Null(await relay.Bus.GetAsync(relay.ErrorQueue, TimeSpan.FromSeconds(1)));
        Assert.Single(logs.Entries, entry => entry.Contains("cannot be written; no message is acknowledged", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Contains("accepts writes again", StringComparison.Ordinal));
    }

    private static async Task PublishCustomersAsync(RelayUnderTest relay, int first, int count)
    {
        var template = SharedSamples.ReadText("beans/customer.json");
        for (var id = first; id < first + count; id++)
        {
            var body = template.Replace("1847", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await relay.PublishAsync("customer.created", body, $"disk-{id}");
        }
    }

    private static async Task WaitForDeliveredRowsAsync(RelayUnderTest relay, int count)
    {
        var store = relay.App!.Services.GetRequiredService<Beans.Relay.Outbox.OutboxStore>();
        var clock = Stopwatch.StartNew();
        while ((await store.GetStatusAsync(CancellationToken.None)).Delivered < count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the first deliveries were never recorded");
            await Task.Delay(100);
        }
    }
}
