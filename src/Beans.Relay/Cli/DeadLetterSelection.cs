using System.CommandLine;
using Beans.Relay.Operations;
using Beans.Relay.Outbox;

namespace Beans.Relay.Cli;

/// <summary>What picks dead letters: ids, or <c>--all</c> narrowed by <c>--type</c> and <c>--since</c>.</summary>
internal sealed class DeadLetterSelection
{
    public Argument<long[]> Ids { get; } = new("id")
    {
        Description = "Dead letter ids (the first column of dead-letters list)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<bool> All { get; } = new("--all") { Description = "Every dead letter matching --type and --since" };

    public Option<string?> Type { get; } = new("--type", "-t")
    {
        Description = "Only this event type, such as order.created",
    };

    public Option<string?> Since { get; } = new("--since")
    {
        Description = "Only dead letters given up on since this time: " +
            "ISO 8601 (2026-05-01T08:00Z) or an age (30m, 2h, 7d)",
    };

    public void AddTo(Command command, bool withIds)
    {
        if (withIds)
        {
            command.Arguments.Add(Ids);
            command.Options.Add(All);
        }

        command.Options.Add(Type);
        command.Options.Add(Since);
    }

    /// <summary>The filter the arguments describe, or null (after saying why on stderr) when they are wrong.</summary>
    public async Task<DeadLetterFilter?> ReadAsync(ParseResult parseResult, CliOutput output, bool withIds)
    {
        var since = parseResult.GetValue(Since);
        if (!TimeFilter.TryParseSince(since, DateTimeOffset.UtcNow, out var from))
        {
            await output.Error.WriteLineAsync(
                $"--since must be an ISO 8601 time or an age such as 30m, 2h, 7d; not '{since}'.");
            return null;
        }

        long[]? ids = null;
        if (withIds)
        {
            ids = parseResult.GetValue(Ids) ?? [];
            var all = parseResult.GetValue(All);
            if (ids.Length == 0 == !all)
            {
                await output.Error.WriteLineAsync(
                    "Give dead letter ids, or --all (with --type and --since to narrow it), not both.");
                return null;
            }

            if (all)
            {
                ids = null;
            }
        }

        return new DeadLetterFilter(ids, parseResult.GetValue(Type), from);
    }
}
