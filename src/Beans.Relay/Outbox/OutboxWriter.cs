using System.Threading.Channels;
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

    /// <summary>Why the last commit failed, while the outbox cannot be written; null while it can.</summary>
    public string? Fault { get; private set; }

    /// <summary>
    /// Runs <paramref name="work"/> inside the next grouped transaction and completes once that
    /// transaction is committed. An exception thrown by the work undoes only that work. When the
    /// file cannot be written, every write of the batch fails with <see cref="OutboxUnavailableException"/>.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<OutboxTransaction, T> work, CancellationToken cancellationToken)
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

    /// <inheritdoc cref="WriteAsync{T}(Func{OutboxTransaction, T}, CancellationToken)"/>
    public Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> work,
        CancellationToken cancellationToken) =>
        WriteAsync(transaction => work(transaction.Connection, transaction.Transaction), cancellationToken);

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
        Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);
        await using (connection)
        {
            List<PendingWrite> batch = new(_maxBatchSize);
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                Commit(connection, prepared, batch);
                batch.Clear();
                _signal.Notify();
            }

            foreach (var command in prepared.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    private void Commit(
        SqliteConnection connection,
        Dictionary<string, SqliteCommand> prepared,
        List<PendingWrite> batch)
    {
        try
        {
            if (!TryCommit(connection, prepared, batch, isolateWrites: false))
            {
                // A write failed on its own: run the batch again with each write in a savepoint, so
                // that only the failing one is undone. Rare, so the common path pays nothing for it.
                TryCommit(connection, prepared, batch, isolateWrites: true);
            }

            foreach (var write in batch)
            {
                write.Complete();
            }

            RecoverFromFault();
        }
        catch (Exception exception)
        {
            var unavailable = new OutboxUnavailableException(
                "The outbox cannot be written: " + exception.Message,
                exception);
            EnterFault(exception);
            foreach (var write in batch)
            {
                write.Fail(unavailable);
            }
        }
    }

    /// <returns>False when a write threw without isolation, and nothing was committed.</returns>
    private static bool TryCommit(
        SqliteConnection connection,
        Dictionary<string, SqliteCommand> prepared,
        List<PendingWrite> batch,
        bool isolateWrites)
    {
        using var transaction = connection.BeginTransaction();
        var session = new OutboxTransaction(connection, transaction, prepared);
        foreach (var write in batch)
        {
            if (!write.Run(session, isolateWrites))
            {
                return false;
            }
        }

        transaction.Commit();
        return true;
    }

    private void EnterFault(Exception exception)
    {
        if (Fault is null)
        {
            LogFaulted(exception, _database.FilePath);
        }

        Fault = exception.Message;
    }

    private void RecoverFromFault()
    {
        if (Fault is not null)
        {
            Fault = null;
            LogRecovered(_database.FilePath);
        }
    }

    /// <summary>Errors of the file or the disk, not of one write: they fail the whole batch.</summary>
    private static bool IsStorageFault(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26 } or IOException;

    [LoggerMessage(EventId = 100, Level = LogLevel.Error,
        Message = "The outbox at {Path} cannot be written; no message is acknowledged until it can "
            + "(they stay in RabbitMQ)")]
    private partial void LogFaulted(Exception exception, string path);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "The outbox at {Path} accepts writes again")]
    private partial void LogRecovered(string path);

    private abstract class PendingWrite
    {
        /// <returns>False when the work threw and <paramref name="isolated"/> was false.</returns>
        public abstract bool Run(OutboxTransaction transaction, bool isolated);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<OutboxTransaction, T> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        private T? _result;
        private Exception? _failure;

        public Task<T> Completion => _completion.Task;

        public override bool Run(OutboxTransaction transaction, bool isolated)
        {
            _failure = null;
            if (!isolated)
            {
                try
                {
                    _result = work(transaction);
                    return true;
                }
                catch (Exception exception) when (!IsStorageFault(exception))
                {
                    return false;
                }
            }

            transaction.Command("SAVEPOINT write_item").ExecuteNonQuery();
            try
            {
                _result = work(transaction);
                transaction.Command("RELEASE write_item").ExecuteNonQuery();
            }
            catch (Exception exception) when (!IsStorageFault(exception))
            {
                transaction.Command("ROLLBACK TO write_item").ExecuteNonQuery();
                transaction.Command("RELEASE write_item").ExecuteNonQuery();
                _failure = exception;
            }

            return true;
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
