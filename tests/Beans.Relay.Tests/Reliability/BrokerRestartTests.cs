using System.Diagnostics;
using System.Net;
using Beans.Relay.Tests.Infrastructure;
using Beans.Relay.Tests.Operations;

namespace Beans.Relay.Tests.Reliability;

[Collection(BrokerCollection.Name)]
public sealed class BrokerRestartTests(RabbitMqBroker broker)
{
    private const int EventsPerHalf = 300;

    [Fact]
    public async Task BrokerRestart_InTheMiddleOfABurst_RelayReconnectsWithinTenSecondsAndLosesNothing()
    {
        LocalBroker.RequireControl(broker.RequireUrl());
        await using var relay = await RelayUnderTest.StartAsync(broker);
        using var ops = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };
        await PublishCustomersAsync(relay, 1, EventsPerHalf);

        LocalBroker.StopApp();
        bool readyDuringOutage;
        TimeSpan reconnectedAfter;
        try
        {
            readyDuringOutage = await Readiness.BecomesAsync(ops, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        }
        finally
        {
            LocalBroker.StartApp();
            var back = Stopwatch.StartNew();
            await Readiness.BecomesAsync(ops, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            reconnectedAfter = back.Elapsed;
        }

        await relay.ReconnectBusAsync();
        await PublishCustomersAsync(relay, EventsPerHalf + 1, EventsPerHalf);
        var requests = await relay.Receiver.WaitForAsync(2 * EventsPerHalf, TimeSpan.FromSeconds(60));

        Assert.True(readyDuringOutage, "/health/ready never reported the broker outage");
        Assert.True(reconnectedAfter <= TimeSpan.FromSeconds(10), $"ready again only {reconnectedAfter} after the broker returned");
        var ids = requests.Select(request => System.Text.Json.JsonDocument.Parse(request.Body).RootElement.GetProperty("id").GetInt64());
        Assert.Equal(Enumerable.Range(1, 2 * EventsPerHalf).Select(i => (long)i), ids.Distinct().Order());
    }

    private static async Task PublishCustomersAsync(RelayUnderTest relay, int first, int count)
    {
        var template = SharedSamples.ReadText("beans/customer.json");
        for (var id = first; id < first + count; id++)
        {
            var body = template.Replace("1847", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await relay.Bus.PublishAsync(relay.Exchange, "customer.created", body, $"restart-{id}");
        }
    }
}
