using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Cli;

[Collection(BrokerCollection.Name)]
public sealed class PublishCommandTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Publish_SeedCustomer_ReachesBeansThroughTheRelay()
    {
        var file = SharedSamples.Require("beans/customer.json");
        await using var relay = await RelayUnderTest.StartAsync(broker);

        var result = await CommandLine.RunAsync(
            "publish", "--type", "customer.created", "--id", "cli-1", file,
            $"--RabbitMq:Url={relay.BrokerUrl}", $"--RabbitMq:Exchange={relay.Exchange}");
        var requests = await relay.Receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cli-1", result.Output, StringComparison.Ordinal);
        Assert.Equal("customer/hook_created", requests[0].Hook);
        JsonAssert.Equivalent(File.ReadAllText(file), requests[0].Body);
    }

    [Fact]
    public async Task Publish_UnknownType_ExitsWithTwo()
    {
        var file = SharedSamples.Require("beans/order.json");

        var result = await CommandLine.RunAsync("publish", "--type", "order.deleted", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("order.deleted", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_BrokerUnreachable_ExitsWithOneAndSaysWhere()
    {
        var file = SharedSamples.Require("beans/order.json");

        var result = await CommandLine.RunAsync(
            "publish", "--type", "order.created", file, "--RabbitMq:Url=amqp://guest:secretpw@127.0.0.1:1/");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("127.0.0.1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secretpw", result.Error, StringComparison.Ordinal);
    }
}
