using System.CommandLine;
using Beans.Relay.Cli;

return await RelayCommandLine.Create()
    .Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
