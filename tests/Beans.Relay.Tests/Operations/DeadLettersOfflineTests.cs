using Beans.Relay.Cli;
using Beans.Relay.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Tests.Operations;

/// <summary>The command line on an outbox file with no relay running.</summary>
public sealed class DeadLettersOfflineTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beans-relay-ops-").FullName;

    private string DatabasePath => Path.Combine(_folder, "relay.db");

    public async ValueTask InitializeAsync()
    {
        var database = new OutboxDatabase(Options.Create(new OutboxOptions { DatabasePath = DatabasePath }));
        await database.InitializeAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ReplayAll_ThousandsOfDeadLetters_WorksInBatchesWithProgressOnStderr()
    {
        await InsertDeadLettersAsync(1200, "order.created");
        await InsertDeadLettersAsync(5, "customer.created");

        var dryRun = await OpsTestSupport.RunCliAsync(DatabasePath, "dead-letters", "replay", "--all", "--type", "order.created", "--dry-run");
        var replay = await OpsTestSupport.RunCliAsync(DatabasePath, "dead-letters", "replay", "--all", "--type", "order.created");

        Assert.Equal("Would replay 1200 dead letters.\n", dryRun.Out);
        Assert.Equal(RelayCommandLine.Success, replay.ExitCode);
        Assert.Equal("Replayed 1200 dead letters.\n", replay.Out);
        Assert.Equal(["replayed 500 of 1200", "replayed 1000 of 1200", "replayed 1200 of 1200"], replay.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1200, await OpsTestSupport.CountAsync(DatabasePath, "state = 0 AND attempts = 0 AND completed_at IS NULL"));
        Assert.Equal(5, await OpsTestSupport.CountAsync(DatabasePath, "state = 2"));
    }

    [Fact]
    public async Task Status_WithNoRelayHeartbeat_SaysTheRelayIsNotRunning()
    {
        await InsertDeadLettersAsync(2, "order.created");

        var run = await OpsTestSupport.RunCliAsync(DatabasePath, "status");

        Assert.Equal(RelayCommandLine.Success, run.ExitCode);
        Assert.Contains("paused:               unknown (relay not running)", run.Out, StringComparison.Ordinal);
        Assert.Contains("consumer connected:   unknown (relay not running)", run.Out, StringComparison.Ordinal);
        Assert.Contains("dead letters:         2", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dead-letters", "replay")]
    [InlineData("dead-letters", "replay", "1", "--all")]
    [InlineData("dead-letters", "list", "--since", "yesterday-ish")]
    [InlineData("dead-letters", "list", "--no-such-option")]
    [InlineData("dead-letters", "show", "not-a-number")]
    public async Task DeadLetters_WrongArguments_ExitWithUsage(params string[] args)
    {
        var run = await OpsTestSupport.RunCliAsync(DatabasePath, args);

        Assert.Equal(RelayCommandLine.Usage, run.ExitCode);
        Assert.NotEqual(string.Empty, run.Error);
    }

    [Fact]
    public async Task List_NoOutboxFile_Fails()
    {
        var run = await OpsTestSupport.RunCliAsync(Path.Combine(_folder, "missing.db"), "dead-letters", "list");

        Assert.Equal(RelayCommandLine.Failure, run.ExitCode);
        Assert.Contains("No outbox", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_OnEachDeadLettersCommand_Succeeds()
    {
        foreach (var command in new[] { "list", "show", "replay", "purge" })
        {
            var run = await OpsTestSupport.RunCliAsync(DatabasePath, "dead-letters", command, "--help");

            Assert.Equal(RelayCommandLine.Success, run.ExitCode);
            Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        }
    }

    private async Task InsertDeadLettersAsync(int count, string type)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO outbox (event_id, event_type, entity_key, hook, body, is_upsert, state, attempts,
                                consumed_at, next_attempt_at, last_status, last_error, completed_at)
            VALUES ($id, $type, $entity, 'order/hook_created', '{"id": 1}', 1, 2, 3, 1000, 1000, 422, 'HTTP 422', $now)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var entity = command.Parameters.Add("$entity", SqliteType.Text);
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        for (var i = 0; i < count; i++)
        {
            id.Value = $"{type}-{i}";
            entity.Value = $"entity:{i}";
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
