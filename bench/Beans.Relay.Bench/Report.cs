using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Beans.Relay.Bench;

/// <summary>Turns the measurements into <c>latest.json</c> and a table on standard output.</summary>
internal sealed class Report
{
    private static readonly Goal[] Goals =
    [
        new("throughput_eps", "end-to-end throughput", 4_000, AtMost: false, " events/s"),
        new("ratio_to_baseline", "throughput / baseline", 0.85, AtMost: false, string.Empty),
        new("p99_ms_at_1000", "p99 latency at 1,000/s", 20, AtMost: true, " ms"),
        new("rss_mb", "relay peak RSS", 150, AtMost: true, " MB"),
        new("claim_cost_ratio", "claim cost, large / small backlog", 2, AtMost: true, "x"),
        new(
            "first_delivery_ms_large_backlog",
            "first delivery after restart on large backlog",
            2_000,
            AtMost: true,
            " ms"),
    ];

    private readonly JsonObject _figures = [];

    public void Add(string key, double? value) =>
        _figures[key] = value is { } number && !double.IsNaN(number) && !double.IsInfinity(number)
            ? Math.Round(number, 3)
            : null;

    public void Add(string key, string value) => _figures[key] = value;

    public void Add(string key, bool value) => _figures[key] = value;

    public void AddEndToEnd(EndToEndResult relay, PhaseResult baseline)
    {
        Add("throughput_eps", relay.Full.EventsPerSecond);
        Add("baseline_eps", baseline.EventsPerSecond);
        Add("ratio_to_baseline", relay.Full.EventsPerSecond / baseline.EventsPerSecond);
        Add("p50_ms_at_1000", relay.Paced.P50Ms);
        Add("p99_ms_at_1000", relay.Paced.P99Ms);
        Add("p999_ms_at_1000", relay.Paced.P999Ms);
        Add("max_ms_at_1000", relay.Paced.MaxMs);
        Add("rss_mb", relay.PeakRssMb);
        Add("idle_rss_mb", relay.IdleRssMb);
        Add("relay_cpu_seconds", relay.CpuSeconds);
        AddPhase("full", relay.Full);
        AddPhase("paced", relay.Paced);
        AddPhase("baseline", baseline);
        Add("relay_cpu_ms_per_event_full", relay.Full.RelayCpuSeconds * 1000 / relay.Full.Published);
    }

    public void AddOutbox(OutboxResult outbox)
    {
        Add("outbox_store_rows", outbox.StoreRows);
        Add("outbox_store_callers", outbox.StoreCallers);
        Add("outbox_store_rows_per_s", outbox.StoreRowsPerSecond);
        Add("outbox_raw_row_commit_rows", outbox.RowCommitRows);
        Add("outbox_raw_row_commit_rows_per_s", outbox.RowCommitRowsPerSecond);
        Add("outbox_raw_batched_rows", outbox.BatchRows);
        Add("outbox_raw_batch_size", outbox.BatchSize);
        Add("outbox_raw_batched_rows_per_s", outbox.BatchRowsPerSecond);
    }

    public void AddBacklog(BacklogResult backlog)
    {
        Add("backlog_rows_small", backlog.SmallRows);
        Add("backlog_rows_large", backlog.LargeRows);
        Add("backlog_fill_rows_per_s", backlog.FillRowsPerSecond);
        Add("claim_ms_small_backlog", backlog.ClaimMsSmall);
        Add("claim_ms_large_backlog", backlog.ClaimMsLarge);
        Add("claim_cost_ratio", backlog.ClaimMsLarge / backlog.ClaimMsSmall);
        Add("next_due_ms_small_backlog", backlog.NextDueMsSmall);
        Add("next_due_ms_large_backlog", backlog.NextDueMsLarge);
        Add("first_delivery_ms_small_backlog", backlog.FirstDeliveryMsSmall);
        Add("first_delivery_ms_large_backlog", backlog.FirstDeliveryMsLarge);
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        JsonObject goals = [];
        foreach (var goal in Goals)
        {
            goals[goal.Key] = new JsonObject
            {
                ["target"] = goal.Describe(),
                ["met"] = goal.IsMet(Figure(goal.Key)),
            };
        }

        _figures["goals"] = goals;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(
            path, _figures.ToJsonString(new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }) + "\n", cancellationToken);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        foreach (var (key, value) in _figures)
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var description))
            {
                output.WriteLine($"{key}: {description}");
            }
        }

        output.WriteLine();
        output.WriteLine($"{"figure",-48} {"value",14}  {"goal",-18} result");
        output.WriteLine(new string('-', 94));
        foreach (var (key, value) in _figures)
        {
            if (value is JsonObject || (value is JsonValue text && text.TryGetValue<string>(out _)))
            {
                continue;
            }

            var goal = Goals.FirstOrDefault(candidate => candidate.Key == key);
            var result = goal?.IsMet(Figure(key)) switch
            {
                true => "met",
                false => "NOT MET",
                null when goal is not null => "not measured",
                _ => string.Empty,
            };
            output.WriteLine($"{key,-48} {Format(value),14}  {goal?.Describe() ?? string.Empty,-18} {result}");
        }
    }

    private double? Figure(string key) =>
        _figures[key] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static string Format(JsonNode? value) => value switch
    {
        null => "n/a",
        JsonValue number when number.TryGetValue<double>(out var d) =>
            d.ToString(d >= 100 ? "#,0" : "0.###", CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private void AddPhase(string prefix, PhaseResult phase)
    {
        Add($"{prefix}_published", phase.Published);
        Add($"{prefix}_delivered", phase.Delivered);
        Add($"{prefix}_posts", phase.Posts);
        Add($"{prefix}_repeated_posts", phase.RepeatedPosts);
        Add($"{prefix}_seconds", phase.Seconds);
        Add($"{prefix}_eps", phase.EventsPerSecond);
        Add($"{prefix}_p50_ms", phase.P50Ms);
        Add($"{prefix}_p99_ms", phase.P99Ms);
        Add($"{prefix}_p999_ms", phase.P999Ms);
        Add($"{prefix}_max_ms", phase.MaxMs);
        Add($"{prefix}_timed_out", phase.TimedOut);
        if (phase.RelayCpuSeconds is { } cpu)
        {
            Add($"{prefix}_relay_cpu_seconds", cpu);
        }
    }
}
