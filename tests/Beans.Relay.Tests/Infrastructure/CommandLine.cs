using System.CommandLine;
using Beans.Relay.Cli;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>Runs the program's command line in-process, capturing what it prints.</summary>
public static class CommandLine
{
    public static async Task<CommandResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await RelayCommandLine.InvokeAsync(
            args, new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });

        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }
}
