using Beans.Relay.Outbox;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Beans.Relay.Operations;

/// <summary>
/// Ready while the outbox accepts writes. The writer learns of a full or read-only disk from its
/// own commits (events, delivery outcomes, and the relay's state heartbeat every few seconds).
/// </summary>
internal sealed class OutboxHealthCheck(OutboxWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        var result = writer.Fault is { } fault
            ? HealthCheckResult.Unhealthy("the outbox cannot be written: " + fault)
            : HealthCheckResult.Healthy("the outbox accepts writes");
        return Task.FromResult(result);
    }
}
