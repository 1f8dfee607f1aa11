using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Beans.Relay.Outbox;

/// <summary>
/// The dispatcher's two queries on a connection of their own, kept open and prepared: they run for
/// nearly every delivery, and opening a connection and compiling the statements each time cost more
/// than the queries themselves.
/// </summary>
internal sealed class DueRowsReader(OutboxDatabase database) : IAsyncDisposable
{
    private const string DueHeadsFilter = """
        o.state = 0
        AND o.id NOT IN (SELECT value FROM json_each($inFlight))
        AND NOT EXISTS (
            SELECT 1 FROM outbox p INDEXED BY ix_outbox_entity
            WHERE p.state = 0 AND p.entity_key = o.entity_key AND p.id < o.id)
        """;

    private const string DueHeadsSql = $"""
        SELECT o.id, o.event_id, o.event_type, o.entity_key, o.hook, o.body, o.state, o.attempts,
               o.consumed_at, o.next_attempt_at, o.first_attempt_at, o.last_attempt_at, o.last_status,
               o.last_error, o.response_excerpt, o.completed_at
        FROM outbox o INDEXED BY ix_outbox_due
        WHERE o.next_attempt_at <= $now AND {DueHeadsFilter}
        ORDER BY o.next_attempt_at, o.id
        LIMIT $limit
        """;

    private const string NextDueSql = $"""
        SELECT o.next_attempt_at FROM outbox o INDEXED BY ix_outbox_due
        WHERE {DueHeadsFilter}
        ORDER BY o.next_attempt_at, o.id
        LIMIT 1
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private SqliteCommand? _dueHeads;
    private SqliteCommand? _nextDue;

    public async Task<IReadOnlyList<OutboxRow>> GetDueHeadsAsync(
        long now,
        IReadOnlyCollection<long> inFlight,
        int limit,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var command = await CommandAsync(DueHeadsSql, cancellationToken);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$limit", limit);
            command.Parameters.AddWithValue("$inFlight", JsonSerializer.Serialize(inFlight));
            List<OutboxRow> rows = [];
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }

            return rows;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<long?> GetNextDueAsync(IReadOnlyCollection<long> inFlight, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var command = await CommandAsync(NextDueSql, cancellationToken);
            command.Parameters.AddWithValue("$inFlight", JsonSerializer.Serialize(inFlight));
            return await command.ExecuteScalarAsync(cancellationToken) is long next ? next : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<SqliteCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        _connection ??= await database.OpenAsync(cancellationToken);
        var command = sql == DueHeadsSql
            ? _dueHeads ??= Create(_connection, sql)
            : _nextDue ??= Create(_connection, sql);
        command.Parameters.Clear();
        return command;
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static OutboxRow Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        EventId = reader.GetString(1),
        EventType = reader.GetString(2),
        EntityKey = reader.GetString(3),
        Hook = reader.GetString(4),
        Body = reader.GetString(5),
        State = (OutboxState)reader.GetInt32(6),
        Attempts = reader.GetInt32(7),
        ConsumedAt = reader.GetInt64(8),
        NextAttemptAt = reader.GetInt64(9),
        FirstAttemptAt = reader.IsDBNull(10) ? null : reader.GetInt64(10),
        LastAttemptAt = reader.IsDBNull(11) ? null : reader.GetInt64(11),
        LastStatus = reader.IsDBNull(12) ? null : reader.GetInt32(12),
        LastError = reader.IsDBNull(13) ? null : reader.GetString(13),
        ResponseExcerpt = reader.IsDBNull(14) ? null : reader.GetString(14),
        CompletedAt = reader.IsDBNull(15) ? null : reader.GetInt64(15),
    };
}
