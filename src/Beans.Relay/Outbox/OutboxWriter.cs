using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Outbox;

/// <summary>
/// The one connection that writes to the outbox. Writes queue up and run together in one
/// transaction, so many consumers share the cost of one durable commit, and no two writers
/// ever wait on each other's lock.
/// </summary>
public sealed partial class OutboxWriter : IAsyncDisposable
{
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly OutboxDatabase _database;
    private readonly OutboxSignal _signal;
    private readonly ILogger<OutboxWriter> _logger;
    private readonly int _maxBatchSize;
    private Task? _loop;

    public OutboxWriter(
        OutboxDatabase database,
        OutboxSignal signal,
        IOptions<OutboxOptions> options,
        ILogger<OutboxWriter> logger)
    {
        _database = database;
        _signal = signal;
        _logger = logger;
        _maxBatchSize = options.Value.MaxBatchSize;
    }

    /// <summary>Opens the connection and starts taking writes.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return;
        }

        var connection = await _database.OpenAsync(cancellationToken);
        _loop = Task.Run(() => RunAsync(connection), CancellationToken.None);
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the next grouped transaction and completes once that
    /// transaction is committed. An exception thrown by the work undoes only that work.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work);
        if (_loop is null)
        {
            throw new InvalidOperationException("The outbox writer has not been started.");
        }

        if (!_queue.Writer.TryWrite(write))
        {
            throw new InvalidOperationException("The outbox writer is stopped.");
        }

        return write.Completion.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task RunAsync(SqliteConnection connection)
    {
        await using (connection)
        {
            List<PendingWrite> batch = new(_maxBatchSize);
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                Commit(connection, batch);
                batch.Clear();
                _signal.Notify();
            }
        }
    }

    private void Commit(SqliteConnection connection, List<PendingWrite> batch)
    {
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var write in batch)
            {
                write.Run(connection, transaction);
            }

            transaction.Commit();
            foreach (var write in batch)
            {
                write.Complete();
            }
        }
        catch (Exception exception)
        {
            LogCommitFailed(exception, batch.Count);
            foreach (var write in batch)
            {
                write.Fail(exception);
            }
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error,
        Message = "Outbox commit of {WriteCount} writes failed; the writes are undone and their callers told")]
    private partial void LogCommitFailed(Exception exception, int writeCount);

    private abstract class PendingWrite
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        private T? _result;
        private Exception? _failure;

        public Task<T> Completion => _completion.Task;

        public override void Run(SqliteConnection connection, SqliteTransaction transaction)
        {
            connection.Execute("SAVEPOINT write_item;", transaction: transaction);
            try
            {
                _result = work(connection, transaction);
                connection.Execute("RELEASE write_item;", transaction: transaction);
            }
            catch (Exception exception) when (exception is not SqliteException { SqliteErrorCode: 13 or 10 or 8 })
            {
                // Only this write is undone; disk-full (13), I/O (10) and read-only (8) errors fail the whole batch.
                connection.Execute("ROLLBACK TO write_item; RELEASE write_item;", transaction: transaction);
                _failure = exception;
            }
        }

        public override void Complete()
        {
            if (_failure is null)
            {
                _completion.TrySetResult(_result!);
            }
            else
            {
                _completion.TrySetException(_failure);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
