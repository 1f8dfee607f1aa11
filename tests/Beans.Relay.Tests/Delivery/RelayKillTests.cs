using System.Collections.Concurrent;
using System.Text.Json;
using Beans.Relay.Delivery;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Delivery;

/// <summary>The relay as a real process, killed in the middle of a burst and started again.</summary>
[Collection(BrokerCollection.Name)]
public sealed class RelayKillTests(RabbitMqBroker broker)
{
    private const int EventCount = 2_000;
    private const int WarmUpOrder = 1_000_000;

    [Fact]
    public async Task Relay_KilledDuringABurstAndRestarted_DeliversEveryEventAndRepeatsOnlyThoseInFlight()
    {
        var url = broker.RequireUrl();
        await using var receiver = await BeansReceiver.StartAsync();
        var arrivals = new ConcurrentDictionary<long, int>();
        receiver.Respond = async request =>
        {
            arrivals.AddOrUpdate(OrderId(request), 1, (_, count) => count + 1);
            await Task.Delay(25);
            return new ReceiverAnswer(200);
        };
        var id = Guid.NewGuid().ToString("N")[..10];
        var folder = Directory.CreateTempSubdirectory("beans-relay-kill-").FullName;
        Dictionary<string, string> settings = new()
        {
            ["RabbitMq:Url"] = url,
            ["RabbitMq:Exchange"] = "test-shop-events-" + id,
            ["RabbitMq:Queue"] = "test-beans-relay-" + id,
            ["Beans:BaseUrl"] = receiver.BaseUrl,
            ["Beans:SecretKey"] = RelayUnderTest.SecretKey,
            ["Outbox:DatabasePath"] = Path.Combine(folder, "relay.db"),
            ["Ops:Urls"] = "http://127.0.0.1:0",
            ["Delivery:MaxConcurrency"] =
                DeliveryOptions.DefaultMaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",

            // Only the kill may cause a repeat here: a POST timing out on a loaded machine would be
            // retried (rightly), and Beans would see it twice for another reason.
            ["Delivery:AttemptTimeout"] = "00:01:00",
        };
        await using var bus = await TestBus.ConnectAsync(url);

        int arrivedAtKill;
        await using (var first = RelayProcess.Start(RelayProcess.BuiltDll, settings))
        {
            await WaitForRouteAsync(url, settings["RabbitMq:Exchange"], arrivals, first);
            for (var order = 1; order <= EventCount; order++)
            {
                await bus.PublishAsync(
                    settings["RabbitMq:Exchange"], "order.created", OrderJson(order), $"order-created-{order}");
            }

            await WaitUntilAsync(
                () => arrivals.Count >= EventCount / 4, TimeSpan.FromSeconds(60), first, () => $"{arrivals.Count} arrived");
            arrivedAtKill = arrivals.Count;
            await first.KillAsync();
        }

        await using var second = RelayProcess.Start(RelayProcess.BuiltDll, settings);
        await WaitUntilAsync(() => arrivals.Count >= EventCount, TimeSpan.FromSeconds(90), second, () =>
            $"{arrivals.Count} of {EventCount} arrived; missing e.g. " + string.Join(", ",
                Enumerable.Range(1, EventCount).Where(order => !arrivals.ContainsKey(order)).Take(10)));
        await Task.Delay(500);
        await second.KillAsync();
        await bus.DeleteAsync(settings["RabbitMq:Exchange"], settings["RabbitMq:Queue"]);

        var repeated = arrivals.Where(pair => pair.Value > 1).ToList();
        Assert.InRange(arrivedAtKill, 1, EventCount - 1);
        Assert.Equal(Enumerable.Range(1, EventCount).Select(order => (long)order), arrivals.Keys.Order());
        var detail = $"killed after {arrivedAtKill} arrivals; repeated: " +
            string.Join(", ", repeated.Select(pair => $"order {pair.Key} x{pair.Value}"));
        Assert.True(repeated.Count <= DeliveryOptions.DefaultMaxConcurrency, detail);
        Assert.True(repeated.All(pair => pair.Value == 2), detail);
    }

    private static long OrderId(ReceivedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("id").GetInt64();

    private static string OrderJson(int order) => $$"""
        {"id":{{order}},"currency":"USD","email":"shopper{{order}}@example.com","ref":"{{order}}",
         "total":"53.00","subtotal":"33.00","amount_shipping":"20.00","amount_giftcard":"0.00",
         "amount_tax":"0.00","cancelled_at":null,"processed_at":"2022-02-06T12:49:47-05:00",
         "is_fulfilled":false,"is_refunded":false,"is_paid":true}
        """;

    /// <summary>
    /// Publishes a warm-up order (always with the same id, so it makes one row) until it arrives:
    /// the queue can exist a moment before the exchange is bound to it, and a burst published in
    /// that moment would be dropped by the broker as unroutable.
    /// </summary>
    private static async Task WaitForRouteAsync(
        string url,
        string exchange,
        ConcurrentDictionary<long, int> arrivals,
        RelayProcess relay)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!arrivals.ContainsKey(WarmUpOrder))
        {
            Assert.False(relay.HasExited, "The relay exited at start:\n" + relay.Output);
            Assert.True(
                DateTime.UtcNow < deadline, "The warm-up event never arrived. The relay said:\n" + relay.Output);
            try
            {
                await using var probe = await TestBus.ConnectAsync(url);
                await probe.PublishAsync(exchange, "order.created", OrderJson(WarmUpOrder), "order-created-warm-up");
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The exchange is not declared yet, which closes the channel.
            }

            await Task.Delay(500);
        }

        arrivals.TryRemove(WarmUpOrder, out _);
    }

    private static async Task WaitUntilAsync(
        Func<bool> condition,
        TimeSpan timeout,
        RelayProcess relay,
        Func<string> progress)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.False(relay.HasExited, "The relay exited:\n" + relay.Output);
            Assert.True(
                DateTime.UtcNow < deadline,
                $"Timed out waiting for deliveries: {progress()}. The relay said:\n" + relay.Output);
            await Task.Delay(20);
        }
    }
}
