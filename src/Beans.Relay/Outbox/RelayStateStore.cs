using Dapper;
using Microsoft.Data.Sqlite;

namespace Beans.Relay.Outbox;

/// <summary>
/// The <c>relay_state</c> table: a few facts about the running relay (paused, consumer connected)
/// and a heartbeat, so that the command line, another process, can read them.
/// </summary>
public sealed class RelayStateStore(OutboxDatabase database, OutboxWriter writer)
{
    public const string HeartbeatKey = "heartbeat";
    public const string PausedKey = "paused";
    public const string PauseReasonKey = "pause_reason";
    public const string ConsumerConnectedKey = "consumer_connected";

    /// <summary>How old a heartbeat may be before the relay is taken to be not running.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    /// <summary>Stores the relay's state and a heartbeat in one commit.</summary>
    public Task WriteAsync(
        bool paused,
        string? pauseReason,
        bool consumerConnected,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        var beat = at.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var values = new[]
        {
            new { Key = HeartbeatKey, Value = (string?)beat, At = at },
            new { Key = PausedKey, Value = (string?)(paused ? "true" : "false"), At = at },
            new { Key = PauseReasonKey, Value = pauseReason, At = at },
            new { Key = ConsumerConnectedKey, Value = (string?)(consumerConnected ? "true" : "false"), At = at },
        };
        return writer.WriteAsync(
            (connection, transaction) => connection.Execute(
                """
                INSERT INTO relay_state (key, value, updated_at) VALUES (@Key, @Value, @At)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
                values,
                transaction),
            cancellationToken);
    }

    /// <summary>The last state written, or <see cref="RelaySnapshot.None"/> when the relay never wrote one.</summary>
    public async Task<RelaySnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        Dictionary<string, string?> values;
        try
        {
            var rows = await connection.QueryAsync<(string Key, string? Value)>(new CommandDefinition(
                "SELECT key, value FROM relay_state", cancellationToken: cancellationToken));
            values = rows.ToDictionary(row => row.Key, row => row.Value);
        }
        catch (SqliteException exception) when (exception.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return RelaySnapshot.None;
        }

        return new RelaySnapshot(
            values.GetValueOrDefault(HeartbeatKey) is { } beat && long.TryParse(beat, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null,
            Flag(values.GetValueOrDefault(PausedKey)),
            values.GetValueOrDefault(PauseReasonKey),
            Flag(values.GetValueOrDefault(ConsumerConnectedKey)));
    }

    private static bool? Flag(string? value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };
}
