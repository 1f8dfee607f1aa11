using Beans.Relay.Bench;
using Beans.Relay.Bench.Baseline;

var settings = BenchSettings.Parse(args);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var token = cancellation.Token;
var folder = Directory.CreateTempSubdirectory("beans-relay-bench-").FullName;
var report = new Report();
report.Add("mode", settings.Quick ? "quick" : "full");
report.Add("started_at", DateTimeOffset.UtcNow.ToString("O"));
report.Add("machine", Machine.Describe());
try
{
    var factory = new ShopEventFactory(settings.SamplesDirectory);
    await using var receiver = await Receiver.StartAsync();

    if (settings.Runs("e2e"))
    {
        var relay = await new EndToEndBench(settings, receiver, factory, folder).RunAsync(token);
        var baseline = await new BaselineBench(settings, receiver, factory).RunAsync(token);
        report.AddEndToEnd(relay, baseline);
    }

    if (settings.Runs("outbox"))
    {
        report.AddOutbox(await new OutboxBench(settings, folder).RunAsync(token));
    }

    if (settings.Runs("backlog"))
    {
        report.AddBacklog(await new BacklogBench(settings, receiver, folder).RunAsync(token));
    }

    await report.WriteAsync(settings.ResultsPath, token);
    report.Print(Console.Out);
    Console.WriteLine();
    Console.WriteLine($"written to {settings.ResultsPath}");
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
