using Beans.Relay.Outbox;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Outbox;

public sealed class OutboxStoreTests
{
    [Fact]
    public async Task AddAsync_SameEventIdTwice_StoresOneRow()
    {
        await using var delivery = await DeliveryUnderTest.StartAsync();

        var first = await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"), DeliveryUnderTest.Upsert("e1"));
        var again = await delivery.AddAsync(DeliveryUnderTest.Upsert("e1"));
        await delivery.WaitForRowAsync("e1", row => row.State == OutboxState.Delivered, TimeSpan.FromSeconds(15));
        await Task.Delay(300);

        Assert.Equal(1, first);
        Assert.Equal(0, again);
        Assert.Single(delivery.Receiver.Requests);
    }
}
