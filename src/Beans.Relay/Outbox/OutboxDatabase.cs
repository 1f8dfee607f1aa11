using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Outbox;

/// <summary>Opens connections to the outbox file with the settings every connection needs.</summary>
public sealed class OutboxDatabase
{
    private readonly string _connectionString;

    static OutboxDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public OutboxDatabase(IOptions<OutboxOptions> options)
    {
        FilePath = options.Value.FullDatabasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The absolute path of the SQLite file.</summary>
    public string FilePath { get; }

    /// <summary>Creates the folder, the file and the schema where they are missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(OutboxSchema.Create, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Opens a connection with full durability: a commit is on disk before it returns, so an event
    /// acknowledged to the broker survives a crash of the process or of the machine.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "PRAGMA synchronous = FULL;", cancellationToken: cancellationToken));
        return connection;
    }
}
