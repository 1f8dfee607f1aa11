using Beans.Relay.Delivery;
using Beans.Relay.Outbox;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beans.Relay.Operations;

/// <summary>
/// Writes whether delivery is paused and the consumer connected into <c>relay_state</c> when that
/// changes, and as a heartbeat, for the command line to read.
/// </summary>
internal sealed partial class RelayStateReporter(
    RelayStateStore store,
    DeliveryGate gate,
    IBusControl bus,
    TimeProvider timeProvider,
    ILogger<RelayStateReporter> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    private (bool Paused, bool Connected)? _written;
    private DateTimeOffset _writtenAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, timeProvider);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReportAsync(stoppingToken);
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogReportFailed(exception);
                await Task.Delay(CheckInterval, timeProvider, stoppingToken)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var state = (gate.IsPaused, bus.CheckHealth().Status == BusHealthStatus.Healthy);
        if (state == _written && now - _writtenAt < HeartbeatInterval)
        {
            return;
        }

        await store.WriteAsync(state.IsPaused, gate.PauseReason, state.Item2, now, cancellationToken);
        _written = state;
        _writtenAt = now;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning,
        Message = "Could not record the relay's state in the outbox file")]
    private partial void LogReportFailed(Exception exception);
}
