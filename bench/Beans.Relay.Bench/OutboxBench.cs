using System.Diagnostics;
using Beans.Relay.Outbox;

namespace Beans.Relay.Bench;

/// <summary>
/// The outbox alone: rows committed through the relay's store by many concurrent callers, against
/// a raw prepared insert committing each row and one committing in batches (same PRAGMAs).
/// </summary>
internal sealed class OutboxBench(BenchSettings settings, string folder)
{
    private const int BatchSize = 500;
    private static readonly TimeSpan RowCommitBudget = TimeSpan.FromSeconds(5);

    public async Task<OutboxResult> RunAsync(CancellationToken cancellationToken)
    {
        Console.Error.WriteLine(
            $"outbox: {settings.OutboxRows} rows through OutboxStore.AddAsync by {settings.OutboxCallers} callers...");
        var store = await StoreAsync(Path.Combine(folder, "store.db"), cancellationToken);
        Console.Error.WriteLine("outbox: raw insert, one commit per row...");
        var (rowCommitRows, rowCommit) = await RowCommitsAsync(
            Path.Combine(folder, "row-commit.db"),
            cancellationToken);
        var batchRows = settings.OutboxRows * 5;
        Console.Error.WriteLine($"outbox: raw insert, {batchRows} rows in commits of {BatchSize}...");
        var batched = await BatchesAsync(Path.Combine(folder, "batched.db"), batchRows, cancellationToken);
        return new OutboxResult(
            settings.OutboxRows,
            settings.OutboxCallers,
            store,
            rowCommitRows,
            rowCommit,
            batchRows,
            BatchSize,
            batched);
    }

    private async Task<double> StoreAsync(string path, CancellationToken cancellationToken)
    {
        var (store, writer) = await OutboxFiles.OpenStoreAsync(path, cancellationToken);
        await using (writer)
        {
            var next = -1;
            var clock = Stopwatch.StartNew();
            var callers = Enumerable.Range(0, settings.OutboxCallers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < settings.OutboxRows)
                {
                    var item = new NewOutboxEvent(
                        $"store-{i}",
                        "order.created",
                        $"order:{i % settings.Entities}",
                        "order/hook_created",
                        OutboxFiles.Body,
                        true);
                    await store.AddAsync([item], cancellationToken);
                }
            }, cancellationToken));
            await Task.WhenAll(callers);
            return settings.OutboxRows / clock.Elapsed.TotalSeconds;
        }
    }

    private async Task<(int Rows, double RowsPerSecond)> RowCommitsAsync(
        string path,
        CancellationToken cancellationToken)
    {
        await OutboxFiles.CreateAsync(path, cancellationToken);
        using var connection = OutboxFiles.OpenRaw(path);
        using var insert = OutboxFiles.PrepareInsert(connection);
        var clock = Stopwatch.StartNew();
        var rows = 0;
        while (rows < settings.OutboxRows && clock.Elapsed < RowCommitBudget)
        {
            OutboxFiles.Bind(insert, $"row-{rows}", $"order:{rows % settings.Entities}", 0);
            insert.ExecuteNonQuery();
            rows++;
        }

        return (rows, rows / clock.Elapsed.TotalSeconds);
    }

    private static async Task<double> BatchesAsync(string path, int rows, CancellationToken cancellationToken)
    {
        await OutboxFiles.CreateAsync(path, cancellationToken);
        using var connection = OutboxFiles.OpenRaw(path);
        using var insert = OutboxFiles.PrepareInsert(connection);
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < rows; start += BatchSize)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = start; i < Math.Min(rows, start + BatchSize); i++)
            {
                OutboxFiles.Bind(insert, $"batch-{i}", $"order:{i % 5_000}", 0);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }
}
