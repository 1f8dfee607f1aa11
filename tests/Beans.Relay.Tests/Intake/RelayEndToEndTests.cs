using System.Text;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Intake;

[Collection(BrokerCollection.Name)]
public sealed class RelayEndToEndTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SeedSamples_PublishedAsPlainJson_ArePostedToTheirHooksWithTheExactBodies()
    {
        var customer = SharedSamples.ReadText("beans/customer.json");
        var order = SharedSamples.ReadText("beans/order.json");
        await using var relay = await RelayUnderTest.StartAsync(broker);

        await relay.PublishAsync("customer.created", customer);
        await relay.PublishAsync("order.created", order);
        await relay.PublishAsync("customer.deleted", customer);
        var requests = await relay.Receiver.WaitForAsync(3, Patience);

        var byHook = requests.OrderBy(request => request.Hook).ToList();
        Assert.Equal(["customer/hook_created", "customer/hook_deleted", "order/hook_created"], byHook.Select(r => r.Hook));
        JsonAssert.Equivalent(customer, byHook[0].Body);
        JsonAssert.Equivalent(customer, byHook[1].Body);
        JsonAssert.Equivalent(order, byHook[2].Body);
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + RelayUnderTest.SecretKey));
        Assert.All(requests, request => Assert.Equal(expectedAuth, request.Authorization));
        Assert.All(requests, request => Assert.Equal("application/json", request.ContentType));
    }

    [Fact]
    public async Task SameMessageId_PublishedTwice_IsPostedOnce()
    {
        var customer = SharedSamples.ReadText("beans/customer.json");
        await using var relay = await RelayUnderTest.StartAsync(broker);

        await relay.PublishAsync("customer.created", customer, messageId: "shop-event-42");
        await relay.PublishAsync("customer.created", customer, messageId: "shop-event-42");
        await relay.PublishAsync("order.created", SharedSamples.ReadText("beans/order.json"), messageId: "shop-event-43");
        await relay.Receiver.WaitForAsync(2, Patience);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(2, relay.Receiver.Requests.Count);
    }

    [Fact]
    public async Task MalformedEvent_IsRejectedToTheErrorQueue_AndEventsBehindItStillArrive()
    {
        var customer = SharedSamples.ReadText("beans/customer.json");
        await using var relay = await RelayUnderTest.StartAsync(broker);

        await relay.PublishAsync("order.created", """{"id": 1, "total": "12.00"}""", messageId: "bad-order-1");
        await relay.PublishAsync("customer.created", customer);
        var requests = await relay.Receiver.WaitForAsync(1, Patience);
        var rejected = await relay.Bus.GetAsync(relay.ErrorQueue, Patience);

        Assert.Single(requests);
        Assert.Equal("customer/hook_created", requests[0].Hook);
        Assert.NotNull(rejected);
        Assert.Equal("bad-order-1", rejected.BasicProperties.MessageId);
        var reason = Encoding.UTF8.GetString((byte[])rejected.BasicProperties.Headers!["MT-Fault-Message"]!);
        Assert.Contains("currency", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidJson_IsRejectedWithAReason_NotRetried()
    {
        await using var relay = await RelayUnderTest.StartAsync(broker);

        await relay.PublishAsync("customer.created", """{"id": 1847, "first_name": """, messageId: "truncated-1");
        var rejected = await relay.Bus.GetAsync(relay.ErrorQueue, Patience);

        Assert.NotNull(rejected);
        var reason = Encoding.UTF8.GetString((byte[])rejected.BasicProperties.Headers!["MT-Fault-Message"]!);
        Assert.StartsWith("$:", reason, StringComparison.Ordinal);
        Assert.Empty(relay.Receiver.Requests);
    }
}
