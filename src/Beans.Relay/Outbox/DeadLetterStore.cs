using Dapper;

namespace Beans.Relay.Outbox;

/// <summary>
/// What ops do with dead letters: list, read, replay into the outbox, purge. Reads use their own
/// connections; writes go through the one writer, in batches so a large set never holds the lock long.
/// </summary>
public sealed class DeadLetterStore(OutboxDatabase database, OutboxWriter writer, TimeProvider timeProvider)
{
    /// <summary>How many rows one replay or purge commit changes.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Dead letters matching <paramref name="filter"/> with ids after <paramref name="after"/>.</summary>
    public async Task<DeadLetterPage> ListAsync(
        DeadLetterFilter filter,
        long after,
        int limit,
        CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(filter.Parameters);
        parameters.Add("After", after);
        parameters.Add("Limit", limit + 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"SELECT * FROM outbox WHERE {filter.Where} AND id > @After ORDER BY id LIMIT @Limit",
            parameters,
            cancellationToken: cancellationToken))).AsList();
        return rows.Count > limit
            ? new DeadLetterPage(rows[..limit], rows[limit - 1].Id)
            : new DeadLetterPage(rows, null);
    }

    /// <summary>How many dead letters match <paramref name="filter"/>.</summary>
    public async Task<long> CountAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM outbox WHERE {filter.Where}",
            filter.Parameters,
            cancellationToken: cancellationToken));
    }

    /// <summary>One outbox row by id, whatever its state, or null.</summary>
    public async Task<OutboxRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            "SELECT * FROM outbox WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Puts the matching dead letters back into the outbox: pending, no attempts, due now. Each row
    /// keeps its id, so it is delivered before the later events of its entity.
    /// </summary>
    /// <param name="filter">Which dead letters.</param>
    /// <param name="progress">Told the running total after each batch.</param>
    /// <param name="cancellationToken">Stops between batches; committed batches stay replayed.</param>
    /// <returns>How many rows were replayed.</returns>
    public Task<long> ReplayAsync(
        DeadLetterFilter filter,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        const string Change = """
            UPDATE outbox SET state = 0, attempts = 0, next_attempt_at = @Now, completed_at = NULL
            WHERE id IN ({0}) RETURNING id
            """;
        return InBatchesAsync(filter, Change, progress, cancellationToken);
    }

    /// <summary>Deletes the matching dead letters for good.</summary>
    /// <returns>How many rows were deleted.</returns>
    public Task<long> PurgeAsync(
        DeadLetterFilter filter,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        return InBatchesAsync(filter, "DELETE FROM outbox WHERE id IN ({0}) RETURNING id", progress, cancellationToken);
    }

    private async Task<long> InBatchesAsync(
        DeadLetterFilter filter,
        string changeTemplate,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        // Rows dead-lettered while the batches run are left for the next command: each row is seen once.
        var ceiling = await MaxIdAsync(cancellationToken);
        var sql = string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            changeTemplate,
            $"SELECT id FROM outbox WHERE {filter.Where} AND id > @After AND id <= @Ceiling ORDER BY id LIMIT @Batch");
        long after = 0;
        long total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parameters = new DynamicParameters(filter.Parameters);
            parameters.AddDynamicParams(new
            {
                After = after,
                Ceiling = ceiling,
                Batch = DefaultBatchSize,
                Now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
            });
            var ids = await writer.WriteAsync(
                (connection, transaction) => connection.Query<long>(sql, parameters, transaction).AsList(),
                cancellationToken);
            if (ids.Count == 0)
            {
                return total;
            }

            total += ids.Count;
            after = ids.Max();
            progress?.Report(total);
        }
    }

    private async Task<long> MaxIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(id) FROM outbox", cancellationToken: cancellationToken)) ?? 0;
    }
}
