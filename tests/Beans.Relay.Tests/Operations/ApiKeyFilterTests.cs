using System.Net;
using Beans.Relay.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Tests.Operations;

public sealed class ApiKeyFilterTests
{
    [Theory]
    [InlineData("", "127.0.0.1", null, 200)]
    [InlineData("", "::1", null, 200)]
    [InlineData("", "10.1.2.3", null, 403)]
    [InlineData("", "10.1.2.3", "anything", 403)]
    [InlineData("k-1", "10.1.2.3", "k-1", 200)]
    [InlineData("k-1", "127.0.0.1", null, 401)]
    [InlineData("k-1", "10.1.2.3", "k-2", 401)]
    [InlineData("k-1", "10.1.2.3", "k-1 ", 401)]
    public async Task InvokeAsync_KeyAndCaller_AnswerOrRefuse(string configured, string remote, string? sent, int expected)
    {
        var filter = new ApiKeyFilter(Options.Create(new OpsOptions { ApiKey = configured }));
        var http = new DefaultHttpContext { RequestServices = new EmptyServices() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (sent is not null)
        {
            http.Request.Headers[OpsOptions.ApiKeyHeader] = sent;
        }

        var result = await filter.InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http),
            _ => ValueTask.FromResult<object?>(Results.Ok()));

        var status = result is IStatusCodeHttpResult withStatus ? withStatus.StatusCode : null;
        Assert.Equal(expected, status);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
