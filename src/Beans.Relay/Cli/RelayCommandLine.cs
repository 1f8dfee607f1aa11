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

    public static RootCommand Create()
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
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(HealthcheckCommand.Create());
        foreach (var command in root.Subcommands)
        {
            // Lets every command take the relay's --Section:Key=value settings; CliContext refuses anything else.
            command.TreatUnmatchedTokensAsErrors = false;
        }

        return root;
    }
}
