using System.Text.Json;
using Beans.Relay.Outbox;

namespace Beans.Relay.Operations;

/// <summary>Everything stored about one outbox row, the Beans body included (as JSON, not a string).</summary>
public sealed record DeadLetterDetail(
    long Id,
    string EventId,
    string Type,
    string Entity,
    string State,
    string Hook,
    int Attempts,
    int? LastStatus,
    string? LastError,
    string? ResponseExcerpt,
    DateTimeOffset ConsumedAt,
    DateTimeOffset? FirstAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? When,
    JsonElement Body)
{
    public static DeadLetterDetail From(OutboxRow row) => new(
        row.Id,
        row.EventId,
        row.EventType,
        row.EntityKey,
        row.State.ToString().ToLowerInvariant(),
        row.Hook,
        row.Attempts,
        row.LastStatus,
        row.LastError,
        row.ResponseExcerpt,
        DateTimeOffset.FromUnixTimeMilliseconds(row.ConsumedAt),
        DeadLetterView.At(row.FirstAttemptAt),
        DeadLetterView.At(row.LastAttemptAt),
        DeadLetterView.At(row.CompletedAt),
        ParseBody(row.Body));

    private static JsonElement ParseBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(body);
        }
    }
}
