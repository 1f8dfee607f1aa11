namespace Beans.Relay.Outbox;

/// <summary>The SQLite outbox (<c>Outbox</c> section).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";
    public const string DefaultDatabasePath = "data/relay.db";
    public const int DefaultMaxBatchSize = 512;

    public static readonly TimeSpan DefaultDeliveredRetention = TimeSpan.FromDays(7);

    /// <summary>The SQLite file; a relative path is taken from the working directory.</summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath;

    /// <summary>How long delivered rows are kept (for dedupe and inspection) before they are pruned.</summary>
    public TimeSpan DeliveredRetention { get; set; } = DefaultDeliveredRetention;

    /// <summary>The most writes grouped into one commit.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>The database path made absolute.</summary>
    public string FullDatabasePath => Path.GetFullPath(DatabasePath);
}
