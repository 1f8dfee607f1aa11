using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Beans.Relay.Operations;

/// <summary>Writes a health report as JSON: the overall status and each check's status and description.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            Status = report.Status.ToString(),
            Checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { Status = entry.Value.Status.ToString(), entry.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, DeadLetterView.Json), context.RequestAborted);
    }
}
