using System.Diagnostics;
using System.Net;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>Polls a relay's <c>/health/ready</c>.</summary>
public static class Readiness
{
    /// <summary>True once <c>/health/ready</c> answers <paramref name="wanted"/>, false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> BecomesAsync(HttpClient ops, HttpStatusCode wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await ops.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == wanted)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // The ops endpoint is up throughout; a refused connection is only a slow start.
            }

            await Task.Delay(250);
        }

        return false;
    }
}
