namespace Beans.Relay.Bench;

/// <summary>Rows per second committed durably, three ways.</summary>
internal sealed record OutboxResult(
    int StoreRows,
    int StoreCallers,
    double StoreRowsPerSecond,
    int RowCommitRows,
    double RowCommitRowsPerSecond,
    int BatchRows,
    int BatchSize,
    double BatchRowsPerSecond);
