using Beans.Relay.Outbox;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beans.Relay.Operations;

/// <summary>
/// Wakes the dispatcher when another process (the command line replaying dead letters) commits to
/// the outbox file: SQLite's <c>data_version</c> changes on a connection when any other connection
/// commits, so one cheap pragma a second notices it.
/// </summary>
internal sealed partial class OutboxChangeWatcher(
    OutboxDatabase database,
    OutboxSignal signal,
    TimeProvider timeProvider,
    ILogger<OutboxChangeWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WatchAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogWatchFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(5), timeProvider, stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        long? last = null;
        while (true)
        {
            var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "PRAGMA data_version", cancellationToken: cancellationToken));
            if (last is not null && version != last)
            {
                // The relay's own commits change it too; a spare wake-up costs one query.
                signal.Notify();
            }

            last = version;
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning,
        Message = "Watching the outbox file for outside changes failed; retrying")]
    private partial void LogWatchFailed(Exception exception);
}
