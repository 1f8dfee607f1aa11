using Beans.Relay.Outbox;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Beans.Relay.Operations;

/// <summary>Ready while the outbox file can be written.</summary>
internal sealed class OutboxHealthCheck(OutboxWriter writer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await writer.WriteAsync(
                (connection, transaction) => connection.ExecuteScalar<int>("SELECT 1", transaction: transaction),
                cancellationToken);
            return HealthCheckResult.Healthy("the outbox accepts writes");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the outbox does not accept writes: " + exception.Message);
        }
    }
}
