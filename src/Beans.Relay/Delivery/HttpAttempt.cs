namespace Beans.Relay.Delivery;

/// <summary>What one POST to Beans came back with.</summary>
/// <param name="Status">The HTTP status, or null when no response came (connection error, timeout).</param>
/// <param name="RetryAfter">The delay Beans asked for, if it sent <c>Retry-After</c>.</param>
/// <param name="ResponseExcerpt">The start of the response body of a failure.</param>
/// <param name="Error">What went wrong, in words; null for a success.</param>
public sealed record HttpAttempt(int? Status, TimeSpan? RetryAfter, string? ResponseExcerpt, string? Error);
