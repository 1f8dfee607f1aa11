using System.CommandLine;

namespace Beans.Relay.Cli;

/// <summary>Where a command writes: the invocation's output and error writers (the console, or a test's).</summary>
internal sealed record CliOutput(TextWriter Out, TextWriter Error)
{
    public static CliOutput Of(ParseResult parseResult) =>
        new(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);

    /// <summary>Says there is no outbox file yet; returns <see cref="RelayCommandLine.Failure"/>.</summary>
    public async Task<int> NoOutboxAsync(CliContext context)
    {
        await Error.WriteLineAsync(
            $"No outbox at {context.Outbox.FullDatabasePath}: the relay has not run with this Outbox:DatabasePath.");
        return RelayCommandLine.Failure;
    }
}
