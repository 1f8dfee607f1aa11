using Beans.Relay.Tests.Infrastructure;
using Beans.Relay.Tests.Operations;

namespace Beans.Relay.Tests.Cli;

[Collection(BrokerCollection.Name)]
public sealed class HealthcheckCommandTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Healthcheck_UrlOfARunningRelay_ExitsWithZero()
    {
        await using var relay = await RelayUnderTest.StartAsync(broker);
        var live = new Uri(OpsTestSupport.OpsUrl(relay), "/health/live");

        var result = await CommandLine.RunAsync("healthcheck", "--url", live.ToString());

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Healthcheck_UrlThatIsNotOne_ExitsWithTwoAndSaysWhy()
    {
        var result = await CommandLine.RunAsync("healthcheck", "--url", "not a url");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--url must be an absolute URL", result.Error, StringComparison.Ordinal);
    }
}
