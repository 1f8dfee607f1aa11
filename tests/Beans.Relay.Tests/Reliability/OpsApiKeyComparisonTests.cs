using System.Net;
using Beans.Relay.Operations;
using Beans.Relay.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Tests.Reliability;

/// <summary>The ops API key is compared in constant time and only the exact key passes.</summary>
public sealed class OpsApiKeyComparisonTests
{
    private const string Key = "ops-4f9b2c71d0e8a6";

    [Fact]
    public void ApiKeyFilter_Source_ComparesWithFixedTimeEqualsAndNoStringEquality()
    {
        var source = File.ReadAllText(Path.Combine(RelayProcess.RepositoryRoot, "src", "Beans.Relay", "Operations", "ApiKeyFilter.cs"));

        Assert.Contains("CryptographicOperations.FixedTimeEquals(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("string.Equals", source, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SequenceEqual", source, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiKey ==", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ops-4f9b2c71d0e8a7")]
    [InlineData("xps-4f9b2c71d0e8a6")]
    [InlineData("OPS-4F9B2C71D0E8A6")]
    [InlineData("ops-4f9b2c71d0e8a")]
    [InlineData("ops-4f9b2c71d0e8a6x")]
    [InlineData("ops-4f9b2c71d0e8a6ops-4f9b2c71d0e8a6")]
    [InlineData("o")]
    [InlineData("")]
    public async Task InvokeAsync_WrongKeyOfEqualOrDifferentLength_IsRefused(string sent)
    {
        var status = await StatusForAsync(sent);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
    }

    [Fact]
    public async Task InvokeAsync_ExactKey_IsAnswered()
    {
        var status = await StatusForAsync(Key);

        Assert.Equal(StatusCodes.Status200OK, status);
    }

    private static async Task<int?> StatusForAsync(string sent)
    {
        var filter = new ApiKeyFilter(Options.Create(new OpsOptions { ApiKey = Key }));
        var http = new DefaultHttpContext { RequestServices = new EmptyServices() };
        http.Connection.RemoteIpAddress = IPAddress.Parse("10.20.30.40");
        http.Request.Headers[OpsOptions.ApiKeyHeader] = sent;

        var result = await filter.InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http),
            _ => ValueTask.FromResult<object?>(Results.Ok()));

        return result is IStatusCodeHttpResult withStatus ? withStatus.StatusCode : null;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
