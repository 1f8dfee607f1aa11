using System.Diagnostics;
using System.Net;
using Beans.Relay.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

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
        using var ops = new HttpClient { BaseAddress = OpsAddress(relay) };
        await PublishCustomersAsync(relay, 1, EventsPerHalf);

        LocalBroker.StopApp();
        bool readyDuringOutage;
        TimeSpan reconnectedAfter;
        try
        {
            readyDuringOutage = await BecomesAsync(ops, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        }
        finally
        {
            LocalBroker.StartApp();
            var back = Stopwatch.StartNew();
            await BecomesAsync(ops, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
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

    private static Uri OpsAddress(RelayUnderTest relay)
    {
        var addresses = relay.App!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }

    private static async Task<bool> BecomesAsync(HttpClient ops, HttpStatusCode wanted, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var response = await ops.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == wanted)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // The ops endpoint itself is up throughout; a refused connection is only a slow start.
            }

            await Task.Delay(250);
        }

        return false;
    }
}
