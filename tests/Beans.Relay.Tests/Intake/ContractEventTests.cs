using Beans.Relay.Contracts;
using Beans.Relay.Tests.Infrastructure;
using MassTransit;

namespace Beans.Relay.Tests.Intake;

[Collection(BrokerCollection.Name)]
public sealed class ContractEventTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task OrderCreated_PublishedWithMassTransit_IsPostedLikeThePlainJsonEvent()
    {
        await using var relay = await RelayUnderTest.StartAsync(broker);
        var shop = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(relay.BrokerUrl)));
        await shop.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await shop.Publish(new OrderCreated(SeedOrder()), TestContext.Current.CancellationToken);
            var requests = await relay.Receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));

            Assert.Equal("order/hook_created", requests[0].Hook);
            JsonAssert.Equivalent(SharedSamples.ReadText("beans/order.json"), requests[0].Body);
        }
        finally
        {
            await shop.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Contracts_RelayBoundToCustomersOnly_TakesCustomerContractsAndNotOrders()
    {
        await using var relay = await RelayUnderTest.StartAsync(broker, ["--RabbitMq:Bindings:0=customer.#"]);
        var shop = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(relay.BrokerUrl)));
        await shop.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await shop.Publish(new OrderCreated(SeedOrder()), TestContext.Current.CancellationToken);
            await shop.Publish(new CustomerCreated(SeedOrder().Customer!), TestContext.Current.CancellationToken);
            await relay.Receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));
            await Task.Delay(TimeSpan.FromSeconds(1));

            Assert.Equal(["customer/hook_created"], relay.Receiver.Requests.Select(request => request.Hook));
        }
        finally
        {
            await shop.StopAsync(CancellationToken.None);
        }
    }

    private static Order SeedOrder()
    {
        var offset = TimeSpan.FromHours(-5);
        return new Order
        {
            Id = 13207,
            Currency = "USD",
            Email = "john.doe@example.com",
            Ref = "13207",
            Total = 53m,
            Subtotal = 33m,
            AmountShipping = 20m,
            ProcessedAt = new DateTimeOffset(2022, 2, 6, 12, 49, 47, offset),
            IsRefunded = true,
            IsPaid = true,
            Customer = new Customer
            {
                Id = 1847,
                FirstName = "John",
                LastName = "Doe",
                Email = "john.doe@example.com",
                IsNewsletter = true,
                Tags = ["loyal", "paying"],
                CreatedAt = new DateTimeOffset(2020, 2, 6, 12, 49, 47, offset),
                UpdatedAt = new DateTimeOffset(2022, 2, 6, 12, 49, 47, offset),
            },
        };
    }
}
