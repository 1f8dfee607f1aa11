using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Beans.Relay.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Beans.Relay.Tests.Reliability;

/// <summary>
/// A steady load for a while against the relay as a child process, with Beans answering 503 to a
/// seeded tenth of the requests. CI runs about a minute; <c>scripts/soak</c> runs 30 minutes
/// (<c>BEANS_RELAY_SOAK_MINUTES</c>). The figures go to <c>TestResults/soak.json</c>.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SoakTests(RabbitMqBroker broker)
{
    public const string MinutesVariable = "BEANS_RELAY_SOAK_MINUTES";
    public const string SeedVariable = "BEANS_RELAY_SOAK_SEED";

    private const int EventsPerSecond = 500;
    private const double FailureRate = 0.10;
    private const int WarmUpOrder = 900_000_000;
    private const int Publishers = 4;
    private const long WalBoundBytes = 32L * 1024 * 1024;
    private const long FileBytesPerEventBound = 4096;
    private const double RssGrowthBound = 0.10;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions FiguresJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public async Task Relay_UnderSteadyLoadWithOneInTenRequestsRefused_DeliversAllWithBoundedMemoryAndWal()
    {
        var url = broker.RequireUrl();
        var duration = Duration();
        var warmUp = duration / 4 < TimeSpan.FromMinutes(2) ? duration / 4 : TimeSpan.FromMinutes(2);
        var seed = Seed();
        await using var receiver = await BeansReceiver.StartAsync();
        var random = new Random(seed);
        var delivered = new ConcurrentDictionary<long, int>();
        long refused = 0;
        long requests = 0;
        receiver.Respond = request =>
        {
            Interlocked.Increment(ref requests);
            bool refuse;
            lock (random)
            {
                refuse = random.NextDouble() < FailureRate;
            }

            if (refuse)
            {
                Interlocked.Increment(ref refused);
                return Task.FromResult(new ReceiverAnswer(503, "busy"));
            }

            delivered.AddOrUpdate(OrderId(request), 1, (_, count) => count + 1);
            return Task.FromResult(new ReceiverAnswer(200));
        };
        var id = Guid.NewGuid().ToString("N")[..10];
        var folder = Directory.CreateTempSubdirectory("beans-relay-soak-").FullName;
        var databasePath = Path.Combine(folder, "relay.db");
        var exchange = "test-shop-events-" + id;
        Dictionary<string, string> settings = new()
        {
            ["RabbitMq:Url"] = url,
            ["RabbitMq:Exchange"] = exchange,
            ["RabbitMq:Queue"] = "test-beans-relay-" + id,
            ["Beans:BaseUrl"] = receiver.BaseUrl,
            ["Beans:SecretKey"] = RelayUnderTest.SecretKey,
            ["Outbox:DatabasePath"] = databasePath,
            ["Ops:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Beans.Relay.Delivery.OutboxDispatcher"] = "Error",
        };
        string[] schedule = ["00:00:00", "00:00:00.200", "00:00:00.500", "00:00:01", "00:00:02", "00:00:05", "00:00:10", "00:00:30", "00:01:00", "00:02:00"];
        for (var i = 0; i < schedule.Length; i++)
        {
            settings[$"Delivery:RetrySchedule:{i}"] = schedule[i];
        }

        await using var bus = await TestBus.ConnectAsync(url);
        await using var relay = RelayProcess.Start(RelayProcess.BuiltDll, settings);
        await WaitForRouteAsync(url, exchange, delivered, relay);

        var samples = new List<Sample>();
        using var stopSampling = new CancellationTokenSource();
        var sampling = SampleAsync(relay.Id, databasePath, samples, stopSampling.Token);
        var clock = Stopwatch.StartNew();
        var published = await PublishSteadilyAsync(url, exchange, duration, relay);
        var publishedFor = clock.Elapsed;
        await WaitUntilAsync(() => delivered.Count >= published, TimeSpan.FromMinutes(3), relay,
            () => $"{delivered.Count} of {published} delivered");
        var drainedAfter = clock.Elapsed;
        await stopSampling.CancelAsync();
        await sampling;
        var deadLetters = await CountAsync(databasePath, "state = 2");
        var deliveredRows = await CountAsync(databasePath, "state = 1");
        var fileBytes = new FileInfo(databasePath).Length;
        var rssAtWarmUp = RssAround(samples, warmUp);
        var rssAtEnd = RssAround(samples, publishedFor);
        var walMax = samples.Max(sample => sample.WalBytes);
        var checkpoints = samples[^1].WalCheckpointSequence - samples[0].WalCheckpointSequence;
        var lost = Enumerable.Range(1, published).Count(order => !delivered.ContainsKey(order));
        var figures = new SoakFigures(
            EventsPerSecond,
            published,
            Math.Round(published / publishedFor.TotalSeconds, 1),
            Math.Round(publishedFor.TotalSeconds, 1),
            Math.Round(drainedAfter.TotalSeconds, 1),
            seed,
            Interlocked.Read(ref requests),
            Interlocked.Read(ref refused),
            deadLetters,
            lost,
            delivered.Count(pair => pair.Value > 1),
            rssAtWarmUp / 1024,
            rssAtEnd / 1024,
            samples.Max(sample => sample.RssBytes) / 1024,
            walMax / 1024,
            checkpoints,
            fileBytes / 1024);
        WriteFigures(figures);
        await relay.KillAsync();
        await bus.DeleteAsync(exchange, settings["RabbitMq:Queue"]);
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);

        Assert.Equal(0, lost);
        Assert.Equal(0, deadLetters);
        Assert.Equal(published + 1, deliveredRows);
        Assert.True(Interlocked.Read(ref refused) > 0, "no 503 was injected");
        Assert.True(
            rssAtEnd <= rssAtWarmUp * (1 + RssGrowthBound),
            $"RSS grew from {rssAtWarmUp / 1024} KiB after warm-up to {rssAtEnd / 1024} KiB at the end");
        Assert.True(walMax < WalBoundBytes, $"the WAL reached {walMax / 1024} KiB");
        Assert.True(checkpoints > 0, "the WAL was never checkpointed and restarted");
        Assert.True(fileBytes < FileBytesPerEventBound * published, $"the outbox file is {fileBytes / 1024} KiB for {published} events");
    }

    private static TimeSpan Duration() =>
        Environment.GetEnvironmentVariable(MinutesVariable) is { Length: > 0 } minutes
            ? TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture))
            : TimeSpan.FromMinutes(1);

    private static int Seed() =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } seed
            ? int.Parse(seed, CultureInfo.InvariantCulture)
            : 20_261_203;

    /// <summary>
    /// Publishes <see cref="EventsPerSecond"/> distinct orders a second for <paramref name="duration"/>
    /// from <see cref="Publishers"/> connections: order n is due n / rate seconds after the start and
    /// publisher n mod <see cref="Publishers"/> sends it then (later when it lags, never skipping one),
    /// so the orders published are exactly 1 to the returned count.
    /// </summary>
    private static async Task<int> PublishSteadilyAsync(string url, string exchange, TimeSpan duration, RelayProcess relay)
    {
        var clock = Stopwatch.StartNew();
        var last = (int)Math.Ceiling(duration.TotalSeconds * EventsPerSecond) - 1;
        var published = 0;
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async publisher =>
        {
            await using var bus = await TestBus.ConnectAsync(url);
            for (var order = publisher + 1; order <= last; order += Publishers)
            {
                var wait = TimeSpan.FromSeconds((double)order / EventsPerSecond) - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(20))
                {
                    Assert.False(relay.HasExited, "The relay exited:\n" + relay.Output);
                    await Task.Delay(wait);
                }

                await bus.PublishAsync(exchange, "order.created", OrderJson(order), $"soak-{order}");
                Interlocked.Increment(ref published);
            }
        }));

        return published;
    }

    private static async Task SampleAsync(int pid, string databasePath, List<Sample> samples, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            var sample = new Sample(clock.Elapsed, Rss(pid), WalBytes(databasePath), WalCheckpointSequence(databasePath));
            lock (samples)
            {
                samples.Add(sample);
            }

            await Task.Delay(SampleEvery, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The relay's resident memory, from <c>/proc/&lt;pid&gt;/status</c> (VmRSS, in kB).</summary>
    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static long WalBytes(string databasePath) =>
        new FileInfo(databasePath + "-wal") is { Exists: true } wal ? wal.Length : 0;

    /// <summary>
    /// The WAL header's checkpoint sequence number (bytes 12 to 15, big-endian): SQLite increments it
    /// each time a checkpoint completes and the WAL starts over from its beginning.
    /// </summary>
    private static long WalCheckpointSequence(string databasePath)
    {
        try
        {
            using var wal = new FileStream(databasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[16];
            return wal.Read(header) == 16 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[12..]) : 0;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>The median RSS of the samples within five seconds of <paramref name="at"/>, to smooth out a GC.</summary>
    private static long RssAround(List<Sample> samples, TimeSpan at)
    {
        var near = samples.Where(sample => (sample.At - at).Duration() <= TimeSpan.FromSeconds(5)).Select(sample => sample.RssBytes).Order().ToList();
        Assert.NotEmpty(near);
        return near[near.Count / 2];
    }

    private static void WriteFigures(SoakFigures figures)
    {
        var json = JsonSerializer.Serialize(figures, FiguresJson);
        var folder = Path.Combine(RelayProcess.RepositoryRoot, "TestResults");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "soak.json"), json);
        TestContext.Current.TestOutputHelper?.WriteLine(json);
        Console.WriteLine("Soak figures: " + json);
    }

    private static async Task<long> CountAsync(string databasePath, string where)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox WHERE " + where;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static long OrderId(ReceivedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("id").GetInt64();

    private static string OrderJson(int order) => $$"""
        {"id":{{order}},"currency":"USD","email":"shopper{{order}}@example.com","ref":"{{order}}",
         "total":"53.00","subtotal":"33.00","amount_shipping":"20.00","amount_giftcard":"0.00",
         "amount_tax":"0.00","cancelled_at":null,"processed_at":"2022-02-06T12:49:47-05:00",
         "is_fulfilled":false,"is_refunded":false,"is_paid":true}
        """;

    /// <summary>Publishes one warm-up order until it is delivered: the route exists only once the relay bound it.</summary>
    private static async Task WaitForRouteAsync(string url, string exchange, ConcurrentDictionary<long, int> delivered, RelayProcess relay)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!delivered.ContainsKey(WarmUpOrder))
        {
            Assert.False(relay.HasExited, "The relay exited at start:\n" + relay.Output);
            Assert.True(DateTime.UtcNow < deadline, "The warm-up event never arrived. The relay said:\n" + relay.Output);
            try
            {
                await using var probe = await TestBus.ConnectAsync(url);
                await probe.PublishAsync(exchange, "order.created", OrderJson(WarmUpOrder), "soak-warm-up");
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The exchange is not declared yet, which closes the channel.
            }

            await Task.Delay(500);
        }

        delivered.TryRemove(WarmUpOrder, out _);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, RelayProcess relay, Func<string> progress)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.False(relay.HasExited, "The relay exited:\n" + relay.Output);
            Assert.True(DateTime.UtcNow < deadline, $"Timed out: {progress()}. The relay said:\n" + relay.Output);
            await Task.Delay(100);
        }
    }

    private sealed record Sample(TimeSpan At, long RssBytes, long WalBytes, long WalCheckpointSequence);

    private sealed record SoakFigures(
        int TargetEventsPerSecond,
        int Events,
        double PublishedEventsPerSecond,
        double PublishSeconds,
        double AllDeliveredAfterSeconds,
        int Seed,
        long Requests,
        long Injected503s,
        long DeadLetters,
        int Lost,
        int DeliveredTwice,
        long RssAfterWarmUpKib,
        long RssAtEndKib,
        long RssMaxKib,
        long WalMaxKib,
        long WalCheckpoints,
        long DatabaseKib);
}
