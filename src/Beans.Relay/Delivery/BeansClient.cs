using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Beans.Relay.Delivery;

/// <summary>POSTs one event to one Beans hook and reports what happened, never throwing for an HTTP failure.</summary>
public sealed class BeansClient(
    HttpClient httpClient,
    TimeProvider timeProvider,
    IOptions<DeliveryOptions> options,
    IOptions<BeansOptions> beans)
{
    /// <summary>How much of a failed response body is kept for ops.</summary>
    public const int ExcerptBytes = 2048;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly TimeSpan _attemptTimeout = options.Value.AttemptTimeout;
    private readonly SecretRedactor _redactor = new(beans.Value.SecretKey);

    /// <summary>
    /// Sends <paramref name="body"/> to <paramref name="hook"/> (a path relative to the base URL). The
    /// error and the response excerpt it reports never hold the secret key.
    /// </summary>
    public async Task<HttpAttempt> PostAsync(string hook, string body, CancellationToken cancellationToken)
    {
        var attempt = await SendAsync(hook, body, cancellationToken);
        return attempt with
        {
            Error = _redactor.Redact(attempt.Error),
            ResponseExcerpt = _redactor.Redact(attempt.ResponseExcerpt),
        };
    }

    private async Task<HttpAttempt> SendAsync(string hook, string body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = JsonContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, hook) { Content = content };

        try
        {
            using var response = await httpClient.SendAsync(
                request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await DescribeAsync(response, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return new HttpAttempt(null, null, null, $"connection failed: {exception.Message}");
        }
        catch (TimeoutRejectedException exception)
        {
            return new HttpAttempt(null, null, null, $"no response within {exception.Timeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HttpAttempt(null, null, null, "the request timed out");
        }
    }

    private async Task<HttpAttempt> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new HttpAttempt(status, null, null, null);
        }

        var excerpt = await ReadExcerptAsync(response.Content, cancellationToken);
        var error = status is >= 300 and < 400 && response.Headers.Location is { } location
            ? $"HTTP {status} {response.ReasonPhrase}: redirect to {location} not followed"
            : $"HTTP {status} {response.ReasonPhrase}";
        return new HttpAttempt(status, RetryAfter(response), excerpt, error);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>
    /// Reads the start of a failure's body. The resilience pipeline's timeout ends when the headers
    /// arrive, so the body gets a deadline of its own: a server that stalls mid-body must not hold
    /// the delivery, and the event behind it, for ever.
    /// </summary>
    private async Task<string?> ReadExcerptAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_attemptTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await ReadStartAsync(content, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            return null;
        }
    }

    private async Task<string?> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // Reads a little past the excerpt, so that a key straddling the cut is redacted whole first.
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ExcerptBytes + _redactor.LongestForm];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += count;
        }

        if (read == 0)
        {
            return null;
        }

        var text = _redactor.Redact(Encoding.UTF8.GetString(buffer, 0, read))!;
        return text.Length > ExcerptBytes ? text[..ExcerptBytes] : text;
    }
}
