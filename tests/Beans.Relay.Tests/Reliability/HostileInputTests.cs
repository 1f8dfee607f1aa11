using System.Text.Json;
using Beans.Relay.Mapping;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Reliability;

[Collection(BrokerCollection.Name)]
public sealed class HostileInputTests(RabbitMqBroker broker)
{
    private const int MessageCount = 10_000;

    [Fact]
    public async Task HostileMessages_TenThousandMutations_AreRejectedOrMappedAndNoWrongPayloadIsPosted()
    {
        string[] samples =
        [
            SharedSamples.ReadText("beans/customer.json"),
            SharedSamples.ReadText("beans/order.json"),
            SharedSamples.ReadText("platforms/02_shopify_customer_rest_fixture.json"),
        ];
        var mapper = new EventMapper(TimeZoneInfo.Utc);
        await using var relay = await RelayUnderTest.StartAsync(broker);
        var expectedBodies = new HashSet<string>(StringComparer.Ordinal);
        var expectedRejections = 0;
        var workingSetBefore = Environment.WorkingSet;

        var index = 0;
        List<Task> publishing = [];
        foreach (var message in HostileInput.Generate(samples, MessageCount, seed: 20261203))
        {
            try
            {
                expectedBodies.Add(Canonical(mapper.Map(message.RoutingKey, message.Body).Body));
            }
            catch (EventRejectedException)
            {
                expectedRejections++;
            }

            publishing.Add(relay.Bus.PublishAsync(relay.Exchange, message.RoutingKey, message.Body, $"hostile-{index++}", message.ContentType));
            if (publishing.Count == 500)
            {
                await Task.WhenAll(publishing);
                publishing.Clear();
            }
        }

        await Task.WhenAll(publishing);

        var oversized = new byte[3 * 1024 * 1024];
        Array.Fill(oversized, (byte)' ');
        oversized[0] = (byte)'{';
        oversized[^1] = (byte)'}';
        await relay.Bus.PublishAsync(relay.Exchange, "order.created", oversized, "hostile-oversized");
        await relay.PublishAsync("customer.created", SharedSamples.ReadText("beans/customer.json").Replace("1847", "999001", StringComparison.Ordinal), "sentinel");

        await WaitUntilAsync(() => relay.Receiver.Requests.Any(r => r.Body.Contains("999001", StringComparison.Ordinal)), TimeSpan.FromMinutes(3));
        // Rejections of messages consumed alongside the sentinel may still be on their way to the error queue.
        uint rejected = 0;
        var settle = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((rejected = await relay.Bus.MessageCountAsync(relay.ErrorQueue) + await SkippedCountAsync(relay)) < expectedRejections + 1
            && DateTime.UtcNow < settle)
        {
            await Task.Delay(250);
        }

        Assert.All(relay.Receiver.Requests.Where(r => !r.Body.Contains("999001", StringComparison.Ordinal)), request =>
            Assert.Contains(Canonical(request.Body), expectedBodies));
        Assert.True(rejected >= expectedRejections + 1, $"{rejected} rejected, the mapper rejects {expectedRejections} + 1 oversized");
        Assert.True(Environment.WorkingSet - workingSetBefore < 512L * 1024 * 1024, "the working set grew by more than 512 MB");
        var oversizedRejection = await FindAsync(relay, "hostile-oversized");
        Assert.Contains("MaxMessageBytes", oversizedRejection, StringComparison.Ordinal);
    }

    private static string Canonical(byte[] json) => Canonical(System.Text.Encoding.UTF8.GetString(json));

    private static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static async Task<uint> SkippedCountAsync(RelayUnderTest relay)
    {
        try
        {
            await using var bus = await TestBus.ConnectAsync(relay.BrokerUrl);
            return await bus.MessageCountAsync(relay.Queue + "_skipped");
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    private static async Task<string> FindAsync(RelayUnderTest relay, string messageId)
    {
        while (await relay.Bus.GetAsync(relay.ErrorQueue, TimeSpan.FromSeconds(5)) is { } message)
        {
            if (message.BasicProperties.MessageId == messageId)
            {
                return System.Text.Encoding.UTF8.GetString((byte[])message.BasicProperties.Headers!["MT-Fault-Message"]!);
            }
        }

        return string.Empty;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the sentinel event");
            await Task.Delay(200);
        }
    }
}
