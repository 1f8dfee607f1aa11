using Beans.Relay.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Bench;

/// <summary>Outbox files in the relay's own schema, and the relay's store over them.</summary>
internal static class OutboxFiles
{
    public const string InsertSql = """
        INSERT INTO outbox (event_id, event_type, entity_key, hook, body, is_upsert, consumed_at, next_attempt_at)
        VALUES ($event_id, $event_type, $entity_key, $hook, $body, $is_upsert, $at, $at)
        """;

    /// <summary>A body the size of a mapped order.</summary>
    public static readonly string Body =
        """{"id":"13207","ref":"13207","currency":"USD","email":"john.doe@example.com","total":53.0""" +
        ""","subtotal":33.0,"amount_shipping":20.0,"amount_giftcard":0.0,"amount_tax":0.0,"is_paid":true""" +
        ""","is_fulfilled":false,"is_refunded":true,"cancelled_at":null""" +
        ""","processed_at":"2022-02-06T17:49:47Z","customer":""" +
        """{"id":"1847","email":"john.doe@example.com","first_name":"John","last_name":"Doe"}}""";

    public static OutboxDatabase Database(string path) =>
        new(Options.Create(new OutboxOptions { DatabasePath = path }));

    /// <summary>Creates the file with the relay's schema (and WAL), as the relay does at start.</summary>
    public static async Task CreateAsync(string path, CancellationToken cancellationToken) =>
        await Database(path).InitializeAsync(cancellationToken);

    /// <summary>The relay's store with its one grouped-commit writer, started.</summary>
    public static async Task<(OutboxStore Store, OutboxWriter Writer)> OpenStoreAsync(
        string path,
        CancellationToken cancellationToken)
    {
        var options = Options.Create(new OutboxOptions { DatabasePath = path });
        var database = new OutboxDatabase(options);
        await database.InitializeAsync(cancellationToken);
        var writer = new OutboxWriter(database, new OutboxSignal(), options, NullLogger<OutboxWriter>.Instance);
        await writer.StartAsync(cancellationToken);
        return (new OutboxStore(database, writer, TimeProvider.System), writer);
    }

    /// <summary>A plain connection with the relay's durability settings.</summary>
    public static SqliteConnection OpenRaw(string path, string synchronous = "FULL")
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText =
            $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>A prepared insert of one pending row; bind with <see cref="Bind"/>.</summary>
    public static SqliteCommand PrepareInsert(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = InsertSql;
        foreach (var name in new[] { "$event_id", "$event_type", "$entity_key", "$hook", "$body", "$is_upsert", "$at" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    public static void Bind(SqliteCommand insert, string eventId, string entityKey, long at)
    {
        insert.Parameters[0].Value = eventId;
        insert.Parameters[1].Value = "order.created";
        insert.Parameters[2].Value = entityKey;
        insert.Parameters[3].Value = "order/hook_created";
        insert.Parameters[4].Value = Body;
        insert.Parameters[5].Value = 1;
        insert.Parameters[6].Value = at;
    }
}
