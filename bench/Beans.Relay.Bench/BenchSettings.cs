namespace Beans.Relay.Bench;

/// <summary>What one run measures and where it finds the relay, the samples and the broker.</summary>
internal sealed class BenchSettings
{
    public bool Quick { get; init; }

    /// <summary>Events published at full speed, to the relay and to the baseline.</summary>
    public int Events { get; init; } = 50_000;

    /// <summary>Events published at <see cref="PacedRate"/> per second.</summary>
    public int PacedEvents { get; init; } = 20_000;

    public int PacedRate { get; init; } = 1_000;

    /// <summary>Customers plus orders the events are spread over.</summary>
    public int Entities { get; init; } = 5_000;

    /// <summary>Rows committed through the outbox store by concurrent callers.</summary>
    public int OutboxRows { get; init; } = 20_000;

    public int OutboxCallers { get; init; } = 256;

    /// <summary>Pending rows in the large backlog file.</summary>
    public int BacklogRows { get; init; } = 1_000_000;

    public int SmallBacklogRows { get; init; } = 1_000;

    public string RelayDirectory { get; init; } = string.Empty;

    public string SamplesDirectory { get; init; } = string.Empty;

    public string ResultsPath { get; init; } = "bench/results/latest.json";

    public string BrokerUrl { get; init; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>Runs one part alone (<c>e2e</c>, <c>outbox</c> or <c>backlog</c>), or all when null.</summary>
    public string? Only { get; init; }

    public bool Runs(string part) => Only is null || Only == part;

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        var events = Number(args, "--events") ?? (quick ? 5_000 : 50_000);
        return new BenchSettings
        {
            Quick = quick,
            Events = events,
            PacedEvents = Number(args, "--paced-events") ?? (quick ? 5_000 : 20_000),
            OutboxRows = Number(args, "--outbox-rows") ?? (quick ? 5_000 : 20_000),
            BacklogRows = Number(args, "--backlog-rows") ?? (quick ? 100_000 : 1_000_000),
            RelayDirectory = Text(args, "--relay")
                ?? throw new ArgumentException("--relay <published relay folder> is required"),
            SamplesDirectory = Text(args, "--samples") ?? throw new ArgumentException("--samples <folder> is required"),
            Only = Text(args, "--only"),
            ResultsPath = Text(args, "--results") ?? "bench/results/latest.json",
            BrokerUrl = Environment.GetEnvironmentVariable("RabbitMq__Url") is { Length: > 0 } url
                ? url
                : "amqp://guest:guest@localhost:5672/",
        };
    }

    private static string? Text(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    private static int? Number(IReadOnlyList<string> args, string name) =>
        Text(args, name) is { } text ? int.Parse(text.Replace("_", string.Empty, StringComparison.Ordinal)) : null;
}
