using Beans.Relay.Cli;

namespace Beans.Relay.Tests.Cli;

public sealed class HealthcheckCommandTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/health/live")]
    [InlineData("http://*:9000;http://10.0.0.5:9001", "http://127.0.0.1:9000/health/live")]
    [InlineData("http://+:8080/", "http://127.0.0.1:8080/health/live")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/health/live")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/health/live")]
    [InlineData("http://relay.internal:8081", "http://relay.internal:8081/health/live")]
    [InlineData(null, "http://127.0.0.1:8080/health/live")]
    public void LiveUrl_FromOpsUrls_AsksTheFirstAddressOnLoopbackWhenItIsAWildcard(string? opsUrls, string expected)
    {
        var url = HealthcheckCommand.LiveUrl(opsUrls);

        Assert.Equal(new Uri(expected), url);
    }
}
