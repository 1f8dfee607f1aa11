using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Intake;

[Collection(BrokerCollection.Name)]
public sealed class BindingsTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Bindings_OrderEventsOnly_TakesOrdersAndLeavesCustomersToAnotherRelay()
    {
        await using var relay = await RelayUnderTest.StartAsync(broker, ["--RabbitMq:Bindings:0=order.#"]);

        await relay.PublishAsync("customer.created", SharedSamples.ReadText("beans/customer.json"));
        await relay.PublishAsync("order.created", SharedSamples.ReadText("beans/order.json"));
        var requests = await relay.Receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(["order/hook_created"], relay.Receiver.Requests.Select(request => request.Hook));
        Assert.Equal("order/hook_created", requests[0].Hook);
    }

    [Fact]
    public async Task Bindings_PatternOfAnotherKind_RefusesToStart()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => RelayUnderTest.StartAsync(broker, ["--RabbitMq:Bindings:0=#"]));

        Assert.Contains("RabbitMq:Bindings", ex.Message, StringComparison.Ordinal);
    }
}
