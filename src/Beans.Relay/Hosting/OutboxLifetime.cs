using Beans.Relay.Outbox;
using Microsoft.Extensions.Hosting;

namespace Beans.Relay.Hosting;

/// <summary>
/// Creates the schema and opens the writer before anything else starts, and closes the writer
/// after everything else has stopped (it is registered first, so it stops last).
/// </summary>
internal sealed class OutboxLifetime(OutboxDatabase database, OutboxWriter writer) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await writer.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await writer.DisposeAsync();
}
