namespace Beans.Relay.Bench;

/// <summary>
/// Publishes to a relay process, at full speed and then paced, and notes when Beans (the
/// receiver) gets each event.
/// </summary>
internal sealed class EndToEndBench(BenchSettings settings, Receiver receiver, ShopEventFactory factory, string folder)
{
    public async Task<EndToEndResult> RunAsync(CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var exchange = "bench-shop-events-" + id;
        var queue = "bench-beans-relay-" + id;
        await using var publisher = await ShopPublisher.ConnectAsync(settings.BrokerUrl);
        var relay = RelayProcess.Start(settings, receiver.BaseUrl, exchange, queue, Path.Combine(folder, "e2e.db"));
        try
        {
            await publisher.WaitForQueueAsync(queue, TimeSpan.FromSeconds(60), cancellationToken);
            var idleRss = ProcessStats.RssMb(relay.Id);
            Console.Error.WriteLine($"relay: {settings.Events} events at full speed...");
            var full = await RunPhaseAsync(relay, publisher, exchange, 1, settings.Events, null, cancellationToken);
            Console.Error.WriteLine($"relay: {settings.PacedEvents} events at {settings.PacedRate}/s...");
            var paced = await RunPhaseAsync(
                relay,
                publisher,
                exchange,
                2,
                settings.PacedEvents,
                settings.PacedRate,
                cancellationToken);
            return new EndToEndResult(
                full,
                paced,
                idleRss,
                ProcessStats.PeakRssMb(relay.Id),
                ProcessStats.CpuSeconds(relay.Id));
        }
        finally
        {
            if (relay.HasExited)
            {
                Console.Error.WriteLine(
                    "The relay exited early; its last lines:" + Environment.NewLine + relay.LogTail());
            }

            await relay.DisposeAsync();
            receiver.Track(null);
            await publisher.DeleteAsync(exchange, RelayProcess.QueuesOf(queue));
        }
    }

    private async Task<PhaseResult> RunPhaseAsync(
        RelayProcess relay,
        ShopPublisher publisher,
        string exchange,
        int run,
        int count,
        int? perSecond,
        CancellationToken cancellationToken)
    {
        var events = factory.Create(run, count, settings.Entities);
        var tracker = new DeliveryTracker(run, events, everyEventIsPosted: false);
        receiver.Track(tracker);
        var cpuBefore = ProcessStats.CpuSeconds(relay.Id);

        var publishing = perSecond is { } rate
            ? publisher.PublishPacedAsync(exchange, events, rate, tracker, cancellationToken)
            : publisher.PublishAllAsync(exchange, events, tracker, cancellationToken);
        await publishing;
        var timedOut = !await Completes(tracker.Complete, PhaseTimeout(count), cancellationToken);

        var cpuAfter = ProcessStats.CpuSeconds(relay.Id);
        var name = perSecond is null ? "relay, full speed" : $"relay, {perSecond}/s";
        return tracker.Summarize(name) with { RelayCpuSeconds = cpuAfter - cpuBefore, TimedOut = timedOut };
    }

    public static TimeSpan PhaseTimeout(int count) => TimeSpan.FromSeconds(60 + (count / 200));

    public static async Task<bool> Completes(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout, cancellationToken));
        return finished == task;
    }
}
