using System.CommandLine;
using Beans.Relay.Hosting;

namespace Beans.Relay.Cli;

/// <summary>The program's commands. With none, the relay runs in the foreground.</summary>
public static class RelayCommandLine
{
    /// <summary>Exit code of a command that did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a command that could not do it (a rejected event, an unreachable broker).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command called with wrong arguments.</summary>
    public const int Usage = 2;

    /// <summary>Parses and runs <paramref name="args"/>; wrong arguments exit with <see cref="Usage"/>.</summary>
    public static Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null) =>
        InvokeAsync(args, configuration, overrides => new CliContext(overrides));

    /// <summary>Builds the commands; the relay's own configuration sources feed them.</summary>
    public static RootCommand Create() => Create(overrides => new CliContext(overrides));

    internal static async Task<int> InvokeAsync(
        string[] args,
        InvocationConfiguration? configuration,
        Func<IReadOnlyList<string>, CliContext> context)
    {
        configuration ??= new InvocationConfiguration();
        var root = Create(context);
        var parseResult = root.Parse(args);

        // The root passes unknown tokens to the relay as settings; a command takes settings only.
        var stray = parseResult.CommandResult.Command == root
            ? []
            : parseResult.UnmatchedTokens.Where(token => !CliContext.IsSetting(token)).ToList();
        if (parseResult.Errors.Count > 0 || stray.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await configuration.Error.WriteLineAsync(error.Message);
            }

            foreach (var token in stray)
            {
                await configuration.Error.WriteLineAsync($"Unrecognized argument '{token}'.");
            }

            await configuration.Error.WriteLineAsync("Run with --help for usage.");
            return Usage;
        }

        return await parseResult.InvokeAsync(configuration);
    }

    /// <param name="context">Makes the commands' view of the configuration.</param>
    internal static RootCommand Create(Func<IReadOnlyList<string>, CliContext> context)
    {
        var root = new RootCommand(
            "Beans.Relay: relays shop events from RabbitMQ to the Beans hooks through a SQLite outbox. " +
            "With no command it runs the relay; settings come from appsettings.json, environment variables " +
            "(Beans__SecretKey) and --Section:Key=value arguments.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parseResult, _) => RelayHost.RunAsync([.. parseResult.UnmatchedTokens]));
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(MapCommand.Create());
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(DeadLettersCommand.Create(context));
        root.Subcommands.Add(HealthcheckCommand.Create());
        AcceptSettings(root.Subcommands);
        return root;
    }

    /// <summary>
    /// Wraps a command's action so that it gets the configuration with the command's
    /// <c>--Section:Key=value</c> arguments applied; any other stray argument is a usage error.
    /// </summary>
    internal static Func<ParseResult, CancellationToken, Task<int>> WithSettings(
        Func<ParseResult, CliContext, CancellationToken, Task<int>> action)
    {
        return async (parseResult, cancellationToken) =>
        {
            CliContext settings;
            try
            {
                settings = new CliContext(parseResult.UnmatchedTokens);
            }
            catch (ArgumentException exception)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(exception.Message);
                return Usage;
            }

            return await action(parseResult, settings, cancellationToken);
        };
    }

    /// <summary>
    /// Lets every command take the relay's <c>--Section:Key=value</c> settings after its own arguments.
    /// </summary>
    private static void AcceptSettings(IEnumerable<Command> commands)
    {
        foreach (var command in commands)
        {
            command.TreatUnmatchedTokensAsErrors = false;
            AcceptSettings(command.Subcommands);
        }
    }
}
