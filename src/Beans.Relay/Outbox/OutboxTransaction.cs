using Microsoft.Data.Sqlite;

namespace Beans.Relay.Outbox;

/// <summary>
/// The writer's transaction as a write sees it, with commands that stay prepared across batches:
/// the hot paths run the same few statements thousands of times a second, and SQLite would
/// otherwise compile each one again every time.
/// </summary>
public sealed class OutboxTransaction
{
    private readonly Dictionary<string, SqliteCommand> _prepared;

    internal OutboxTransaction(
        SqliteConnection connection,
        SqliteTransaction transaction,
        Dictionary<string, SqliteCommand> prepared)
    {
        Connection = connection;
        Transaction = transaction;
        _prepared = prepared;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    /// <summary>A prepared command for <paramref name="sql"/>, in this transaction, with no parameters yet.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }
}
