using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Beans.Relay.Outbox;

/// <summary>
/// Everything the relay asks of the outbox: writes go through the one writer, reads use their own connections.
/// </summary>
public sealed class OutboxStore(
    OutboxDatabase database,
    OutboxWriter writer,
    TimeProvider timeProvider) : IAsyncDisposable
{
    private readonly DueRowsReader _dueRows = new(database);

    /// <summary>Why the outbox cannot be written now, or null while it can.</summary>
    public string? WriteFault => writer.Fault;

    public ValueTask DisposeAsync() => _dueRows.DisposeAsync();

    private long Now => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Stores accepted events in one durable commit. An event whose id is already stored is skipped;
    /// an upsert replaces the older upserts of its entity that wait behind no delete.
    /// </summary>
    /// <returns>How many events were new.</returns>
    public Task<int> AddAsync(IReadOnlyList<NewOutboxEvent> events, CancellationToken cancellationToken)
    {
        var now = Now;
        return writer.WriteAsync(transaction => Add(transaction, events, now), cancellationToken);
    }

    /// <summary>
    /// The rows due now that head their entity's queue, oldest due first. Rows in
    /// <paramref name="inFlight"/> are skipped, and so are the rows behind them.
    /// </summary>
    public Task<IReadOnlyList<OutboxRow>> GetDueHeadsAsync(
        IReadOnlyCollection<long> inFlight,
        int limit,
        CancellationToken cancellationToken) =>
        _dueRows.GetDueHeadsAsync(Now, inFlight, limit, cancellationToken);

    /// <summary>When the next row not in flight falls due, or null when nothing is pending.</summary>
    public async Task<DateTimeOffset?> GetNextDueAsync(
        IReadOnlyCollection<long> inFlight,
        CancellationToken cancellationToken)
    {
        var next = await _dueRows.GetNextDueAsync(inFlight, cancellationToken);
        return next is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(next.Value);
    }

    /// <summary>
    /// Stores the outcome of one attempt. A row no longer pending (superseded meanwhile) is left alone.
    /// </summary>
    public Task RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        return writer.WriteAsync(transaction => Record(transaction, attempt), cancellationToken);
    }

    /// <summary>Deletes delivered and superseded rows completed before <paramref name="before"/>.</summary>
    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        return writer.WriteAsync(
            (connection, transaction) => connection.Execute(
                "DELETE FROM outbox WHERE state IN (1, 3) AND completed_at < @Before",
                new { Before = before.ToUnixTimeMilliseconds() },
                transaction),
            cancellationToken);
    }

    /// <summary>The row stored for <paramref name="eventId"/>, or null when there is none.</summary>
    public async Task<OutboxRow?> FindAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            "SELECT * FROM outbox WHERE event_id = @EventId",
            new { EventId = eventId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Counts the rows by state, as of now.</summary>
    public async Task<OutboxStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<OutboxStatus>(new CommandDefinition(
            """
            SELECT
                (SELECT COUNT(*) FROM outbox WHERE state = 0) AS Pending,
                (SELECT COUNT(*) FROM outbox WHERE state = 0 AND attempts > 0) AS WaitingForRetry,
                (SELECT COUNT(*) FROM outbox WHERE state = 1) AS Delivered,
                (SELECT COUNT(*) FROM outbox WHERE state = 1 AND completed_at >= @HourAgo) AS DeliveredLastHour,
                (SELECT COUNT(*) FROM outbox WHERE state = 1 AND completed_at >= @DayAgo) AS DeliveredLastDay,
                (SELECT COUNT(*) FROM outbox WHERE state = 2) AS Dead,
                (SELECT COUNT(*) FROM outbox WHERE state = 3) AS Superseded,
                (SELECT MIN(consumed_at) FROM outbox WHERE state = 0) AS OldestPendingConsumedAt
            """,
            new { HourAgo = now - 3_600_000, DayAgo = now - 86_400_000 },
            cancellationToken: cancellationToken));
    }

    private static int Add(OutboxTransaction transaction, IReadOnlyList<NewOutboxEvent> events, long now)
    {
        var added = 0;
        foreach (var item in events)
        {
            var insert = transaction.Command(InsertSql);
            insert.Parameters.AddWithValue("$eventId", item.EventId);
            insert.Parameters.AddWithValue("$eventType", item.EventType);
            insert.Parameters.AddWithValue("$entityKey", item.EntityKey);
            insert.Parameters.AddWithValue("$hook", item.Hook);
            insert.Parameters.AddWithValue("$body", item.Body);
            insert.Parameters.AddWithValue("$isUpsert", item.IsUpsert);
            insert.Parameters.AddWithValue("$now", now);
            if (insert.ExecuteScalar() is not long id)
            {
                continue;
            }

            added++;
            if (item.IsUpsert)
            {
                var supersede = transaction.Command(SupersedeSql);
                supersede.Parameters.AddWithValue("$entityKey", item.EntityKey);
                supersede.Parameters.AddWithValue("$newId", id);
                supersede.Parameters.AddWithValue("$now", now);
                supersede.ExecuteNonQuery();
            }
        }

        return added;
    }

    private static int Record(OutboxTransaction transaction, AttemptRecord attempt)
    {
        var command = transaction.Command(AttemptSqlByResult[(int)attempt.Result]);
        command.Parameters.AddWithValue("$rowId", attempt.RowId);
        command.Parameters.AddWithValue("$attemptedAt", attempt.AttemptedAt);
        command.Parameters.AddWithValue("$nextAttemptAt", attempt.NextAttemptAt);
        command.Parameters.AddWithValue("$status", (object?)attempt.Status ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)attempt.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("$responseExcerpt", (object?)attempt.ResponseExcerpt ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    private const string InsertSql = """
        INSERT INTO outbox (event_id, event_type, entity_key, hook, body, is_upsert, consumed_at, next_attempt_at)
        VALUES ($eventId, $eventType, $entityKey, $hook, $body, $isUpsert, $now, $now)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING id
        """;

    /// <summary>
    /// An upsert replaces the pending upserts of its entity that came after the entity's last pending delete.
    /// </summary>
    // Two raw literals, joined to keep the source within 120 characters; the SQL text is unchanged.
    private const string SupersedeSql = """
        UPDATE outbox SET state = 3, completed_at = $now
        WHERE state = 0 AND is_upsert = 1 AND entity_key = $entityKey AND id < $newId
          AND id > COALESCE(
              (SELECT MAX(id) FROM outbox WHERE state = 0 AND is_upsert = 0
        """ + """
         AND entity_key = $entityKey AND id < $newId),
              0)
        """;

    private static readonly string[] AttemptSqlByResult = [.. Enum.GetValues<AttemptResult>().Select(AttemptSql)];

    private static string AttemptSql(AttemptResult result)
    {
        const string Common = """
            last_attempt_at = $attemptedAt,
            first_attempt_at = COALESCE(first_attempt_at, $attemptedAt),
            last_status = $status,
            last_error = $error,
            response_excerpt = $responseExcerpt
            """;
        var change = result switch
        {
            AttemptResult.Delivered => "state = 1, attempts = attempts + 1, completed_at = $attemptedAt",
            AttemptResult.RetryLater => "attempts = attempts + 1, next_attempt_at = $nextAttemptAt",
            AttemptResult.Dead => "state = 2, attempts = attempts + 1, completed_at = $attemptedAt",
            AttemptResult.Held => "next_attempt_at = $nextAttemptAt",
            _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unknown attempt result."),
        };
        return $"UPDATE outbox SET {change}, {Common} WHERE id = $rowId AND state = 0";
    }
}
