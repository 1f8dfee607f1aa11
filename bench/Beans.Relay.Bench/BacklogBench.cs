using System.Diagnostics;
using Beans.Relay.Outbox;

namespace Beans.Relay.Bench;

/// <summary>
/// Fills outbox files with pending rows (a raw batched insert in the relay's schema), then times
/// the dispatcher's claim query on a large and a small backlog, and a relay's first delivery
/// after it starts on each.
/// </summary>
internal sealed class BacklogBench(BenchSettings settings, Receiver receiver, string folder)
{
    private const int FillBatch = 10_000;
    private const int EntityRows = 4;
    private const int InFlight = 7;

    public async Task<BacklogResult> RunAsync(CancellationToken cancellationToken)
    {
        var small = Path.Combine(folder, "backlog-small.db");
        var large = Path.Combine(folder, "backlog-large.db");
        await FillAsync(small, settings.SmallBacklogRows, cancellationToken);
        Console.Error.WriteLine($"backlog: filling {settings.BacklogRows} pending rows...");
        var fill = await FillAsync(large, settings.BacklogRows, cancellationToken);

        Console.Error.WriteLine("backlog: claim cost...");
        var iterations = settings.Quick ? 100 : 300;
        var (claimSmall, nextSmall) = await ClaimCostAsync(small, iterations, cancellationToken);
        var (claimLarge, nextLarge) = await ClaimCostAsync(large, iterations, cancellationToken);

        Console.Error.WriteLine("backlog: first delivery after a restart...");
        var firstSmall = await FirstDeliveryAsync(small, cancellationToken);
        var firstLarge = await FirstDeliveryAsync(large, cancellationToken);
        return new BacklogResult(
            settings.SmallBacklogRows, settings.BacklogRows, fill,
            claimSmall, claimLarge, nextSmall, nextLarge, firstSmall, firstLarge);
    }

    private static async Task<double> FillAsync(string path, int rows, CancellationToken cancellationToken)
    {
        await OutboxFiles.CreateAsync(path, cancellationToken);
        var clock = Stopwatch.StartNew();
        var dueSince = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        using (var connection = OutboxFiles.OpenRaw(path, synchronous: "OFF"))
        {
            using var insert = OutboxFiles.PrepareInsert(connection);
            for (var start = 0; start < rows; start += FillBatch)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = start; i < Math.Min(rows, start + FillBatch); i++)
                {
                    OutboxFiles.Bind(insert, $"backlog-{i}", $"order:{i % Math.Max(1, rows / EntityRows)}", dueSince);
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Median milliseconds of one claim as the dispatcher makes it while deliveries run (seven in
    /// flight, room for one more), and of the next-due query it makes before sleeping.
    /// </summary>
    private static async Task<(double Claim, double NextDue)> ClaimCostAsync(
        string path,
        int iterations,
        CancellationToken cancellationToken)
    {
        var (store, writer) = await OutboxFiles.OpenStoreAsync(path, cancellationToken);
        await using (writer)
        {
            long[] inFlight = [.. Enumerable.Range(1, InFlight).Select(id => (long)id)];
            List<double> claims = new(iterations);
            List<double> nextDues = new(iterations);
            for (var i = 0; i < iterations + 5; i++)
            {
                var start = Clock.Now;
                var due = await store.GetDueHeadsAsync(inFlight, InFlight + 1, cancellationToken);
                var claimed = Clock.Now;
                await store.GetNextDueAsync(inFlight, cancellationToken);
                var nextDue = Clock.Now;
                if (due.Count == 0)
                {
                    throw new InvalidOperationException($"No due rows claimed from {path}.");
                }

                if (i >= 5)
                {
                    claims.Add(Clock.Milliseconds(start, claimed));
                    nextDues.Add(Clock.Milliseconds(claimed, nextDue));
                }
            }

            return (Median(claims), Median(nextDues));
        }
    }

    private async Task<double> FirstDeliveryAsync(string path, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var exchange = "bench-backlog-events-" + id;
        var queue = "bench-backlog-" + id;
        receiver.Track(null);
        await using var publisher = await ShopPublisher.ConnectAsync(settings.BrokerUrl);
        var relay = RelayProcess.Start(settings, receiver.BaseUrl, exchange, queue, path);
        try
        {
            var first = receiver.FirstPost;
            if (!await EndToEndBench.Completes(first, TimeSpan.FromSeconds(120), cancellationToken))
            {
                Console.Error.WriteLine(
                    "No delivery within 120 s; the relay's last lines:" + Environment.NewLine + relay.LogTail());
                return double.NaN;
            }

            return Clock.Milliseconds(relay.StartedAt, await first);
        }
        finally
        {
            await relay.DisposeAsync();
            await publisher.DeleteAsync(exchange, RelayProcess.QueuesOf(queue));
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
