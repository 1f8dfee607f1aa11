using System.Text.Json;
using System.Text.Json.Serialization;
using Beans.Relay.Outbox;

namespace Beans.Relay.Operations;

/// <summary>A dead letter as the API and <c>dead-letters --json</c> show it; times in ISO 8601 UTC.</summary>
public sealed record DeadLetterView(
    long Id,
    string EventId,
    string Type,
    string Entity,
    int Attempts,
    int? LastStatus,
    string? LastError,
    DateTimeOffset? When)
{
    /// <summary>snake_case property names, no indentation: one object per line.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static DeadLetterView From(OutboxRow row) => new(
        row.Id,
        row.EventId,
        row.EventType,
        row.EntityKey,
        row.Attempts,
        row.LastStatus,
        row.LastError,
        At(row.CompletedAt));

    internal static DateTimeOffset? At(long? unixMilliseconds) =>
        unixMilliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
