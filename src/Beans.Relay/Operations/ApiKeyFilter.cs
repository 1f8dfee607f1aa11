using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Operations;

/// <summary>
/// Guards <c>/api</c>: the <c>X-Api-Key</c> header must equal <c>Ops:ApiKey</c> (compared in constant
/// time). With no key configured, only loopback callers are answered.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<OpsOptions> options) : IEndpointFilter
{
    private readonly byte[]? _keyHash = options.Value.ApiKey.Length == 0
        ? null
        : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (_keyHash is null)
        {
            return IsLoopback(http.Connection.RemoteIpAddress)
                ? await next(context)
                : Results.Problem(
                    "No Ops:ApiKey is configured, so the API answers loopback callers only.",
                    statusCode: StatusCodes.Status403Forbidden);
        }

        // Hashing first makes the comparison's time independent of the keys' lengths too.
        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(http.Request.Headers[OpsOptions.ApiKeyHeader].ToString()));
        return CryptographicOperations.FixedTimeEquals(sent, _keyHash)
            ? await next(context)
            : Results.Problem(
                $"Send the ops API key in the {OpsOptions.ApiKeyHeader} header.",
                statusCode: StatusCodes.Status401Unauthorized);
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
