using Microsoft.Extensions.Configuration;

namespace Beans.Relay.Hosting;

/// <summary>
/// The relay's configuration sources, shared by the worker and the command line: the
/// <c>appsettings.json</c> beside the program, then environment variables (<c>Beans__SecretKey</c>),
/// then <c>--Section:Key=value</c> arguments.
/// </summary>
public static class RelayConfiguration
{
    public const string FileName = "appsettings.json";

    /// <summary>Adds the relay's sources to <paramref name="builder"/>, replacing any it had.</summary>
    public static IConfigurationBuilder AddRelaySources(this IConfigurationBuilder builder, string[] args)
    {
        builder.Sources.Clear();
        return builder
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, FileName), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
    }

    /// <summary>Builds the configuration on its own, for commands that do not start the worker.</summary>
    public static IConfiguration Build(string[] args) => new ConfigurationBuilder().AddRelaySources(args).Build();
}
