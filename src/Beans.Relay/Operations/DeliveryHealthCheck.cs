using Beans.Relay.Delivery;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Beans.Relay.Operations;

/// <summary>Not ready while Beans refuses the secret key and delivery is paused.</summary>
internal sealed class DeliveryHealthCheck(DeliveryGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        var result = gate.PauseReason is { } reason
            ? HealthCheckResult.Unhealthy("delivery is paused: " + reason)
            : HealthCheckResult.Healthy(
                gate.IsProbing ? "Beans seems down; probing one event at a time" : "delivering");
        return Task.FromResult(result);
    }
}
