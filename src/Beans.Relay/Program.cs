using System.CommandLine;
using Beans.Relay.Cli;

return await RelayCommandLine.InvokeAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = null });
