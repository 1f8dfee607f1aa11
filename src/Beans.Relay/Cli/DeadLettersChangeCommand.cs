using System.CommandLine;
using Beans.Relay.Outbox;

namespace Beans.Relay.Cli;

/// <summary><c>dead-letters replay</c> and <c>purge</c>: change a chosen set of dead letters in batches.</summary>
internal static class DeadLettersChangeCommand
{
    public static Command CreateReplay(Func<IReadOnlyList<string>, CliContext> context)
    {
        var selection = new DeadLetterSelection();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count what would be replayed" };
        var command = new Command(
            "replay",
            "Put dead letters back into the outbox: pending, attempts 0, due now. Each keeps its id, so it is " +
            "delivered before the later events of its entity. Prints how many; progress goes to stderr.")
        {
            dryRun,
        };
        selection.AddTo(command, withIds: true);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = CliOutput.Of(parseResult);
            var filter = await selection.ReadAsync(parseResult, output, withIds: true);
            if (filter is null)
            {
                return RelayCommandLine.Usage;
            }

            return await RunAsync(
                context(parseResult.UnmatchedTokens),
                output,
                filter,
                parseResult.GetValue(dryRun),
                "replay",
                "Replayed",
                (store, progress, token) => store.ReplayAsync(filter, progress, token),
                cancellationToken);
        });
        return command;
    }

    public static Command CreatePurge(Func<IReadOnlyList<string>, CliContext> context)
    {
        var selection = new DeadLetterSelection();
        var yes = new Option<bool>("--yes") { Description = "Confirm: purged dead letters are deleted for good" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count what would be purged" };
        var command = new Command("purge", "Delete dead letters for good. Needs --yes. Prints how many.")
        {
            yes,
            dryRun,
        };
        selection.AddTo(command, withIds: true);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = CliOutput.Of(parseResult);
            var filter = await selection.ReadAsync(parseResult, output, withIds: true);
            if (filter is null)
            {
                return RelayCommandLine.Usage;
            }

            var isDryRun = parseResult.GetValue(dryRun);
            if (!isDryRun && !parseResult.GetValue(yes))
            {
                await output.Error.WriteLineAsync(
                    "purge deletes dead letters for good: add --yes to confirm (or --dry-run).");
                return RelayCommandLine.Usage;
            }

            return await RunAsync(
                context(parseResult.UnmatchedTokens), output, filter, isDryRun, "purge", "Purged",
                (store, progress, token) => store.PurgeAsync(filter, progress, token), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context,
        CliOutput output,
        DeadLetterFilter filter,
        bool dryRun,
        string verb,
        string done,
        Func<DeadLetterStore, IProgress<long>, CancellationToken, Task<long>> change,
        CancellationToken cancellationToken)
    {
        if (!context.OutboxExists)
        {
            return await output.NoOutboxAsync(context);
        }

        var (store, _, _, writer) = context.OpenOperations();
        await using (writer)
        {
            var matching = await store.CountAsync(filter, cancellationToken);
            if (dryRun)
            {
                await output.Out.WriteLineAsync($"Would {verb} {matching} dead letter{Plural(matching)}.");
                return RelayCommandLine.Success;
            }

            await writer.StartAsync(cancellationToken);
            var progress = new SynchronousProgress(total =>
            {
                if (matching > DeadLetterStore.DefaultBatchSize)
                {
                    output.Error.WriteLine($"{done.ToLowerInvariant()} {total} of {matching}");
                }
            });
            var changed = await change(store, progress, cancellationToken);
            await output.Out.WriteLineAsync($"{done} {changed} dead letter{Plural(changed)}.");
            if (filter.Ids is { } ids && changed < ids.Count)
            {
                await output.Error.WriteLineAsync(
                    $"{ids.Count - changed} of the {ids.Count} ids given are not dead letters " +
                    "(unknown, or already replayed).");
                return RelayCommandLine.Failure;
            }
        }

        return RelayCommandLine.Success;
    }

    private static string Plural(long count) => count == 1 ? string.Empty : "s";

    /// <summary>Reports on the caller's thread, so progress lines come out in order.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
