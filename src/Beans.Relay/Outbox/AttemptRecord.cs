namespace Beans.Relay.Outbox;

/// <summary>The outcome of one attempt, as it is stored on the row.</summary>
/// <param name="RowId">The row attempted.</param>
/// <param name="Result">What becomes of the row.</param>
/// <param name="AttemptedAt">When the attempt started (Unix milliseconds).</param>
/// <param name="NextAttemptAt">
/// For <see cref="AttemptResult.RetryLater"/>, when to try again (Unix milliseconds).
/// </param>
/// <param name="Status">The HTTP status, if a response came.</param>
/// <param name="Error">What went wrong, if anything; never holds the secret key.</param>
/// <param name="ResponseExcerpt">The start of the response body, for a failure.</param>
public sealed record AttemptRecord(
    long RowId,
    AttemptResult Result,
    long AttemptedAt,
    long NextAttemptAt,
    int? Status,
    string? Error,
    string? ResponseExcerpt);
