using Beans.Relay.Delivery;
using Beans.Relay.Hosting;
using Beans.Relay.Intake;
using Beans.Relay.Mapping;
using Beans.Relay.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Beans.Relay.Cli;

/// <summary>What the commands need of the relay's configuration, without starting the worker.</summary>
internal sealed class CliContext
{
    private readonly IConfiguration _configuration;

    public CliContext()
        : this([])
    {
    }

    /// <param name="overrides">
    /// <c>--Section:Key=value</c> settings over the relay's sources, given after the command.
    /// </param>
    public CliContext(IEnumerable<string> overrides)
    {
        var unknown = overrides.FirstOrDefault(token => !IsSetting(token));
        if (unknown is not null)
        {
            throw new ArgumentException(
                $"Unrecognized argument '{unknown}'; settings are given as --Section:Key=value.", nameof(overrides));
        }

        _configuration = RelayConfiguration.Build([.. overrides]);
    }

    /// <summary>True for a <c>--Section:Key=value</c> argument.</summary>
    public static bool IsSetting(string token) =>
        token.StartsWith("--", StringComparison.Ordinal)
        && token.IndexOf(':', StringComparison.Ordinal) is > 2 and var colon
        && token.IndexOf('=', colon) > colon;

    public RabbitMqOptions RabbitMq => Bind<RabbitMqOptions>(RabbitMqOptions.SectionName);

    public OutboxOptions Outbox => Bind<OutboxOptions>(OutboxOptions.SectionName);

    public ShopOptions Shop => Bind<ShopOptions>(ShopOptions.SectionName);

    /// <summary>Where the relay's ops endpoints listen (<c>Ops:Urls</c>), or null when unset.</summary>
    public string? OpsUrls => _configuration[RelayHost.OpsUrlsKey];

    public EventMapper CreateMapper() => new(TimeZoneInfo.FindSystemTimeZoneById(Shop.TimeZone));

    /// <summary>The dead-letter and relay-state stores over the configured file, sharing one writer.</summary>
    public (DeadLetterStore DeadLetters, RelayStateStore State, OutboxStore Outbox, OutboxWriter Writer)
        OpenOperations()
    {
        var options = Options.Create(Outbox);
        var database = new OutboxDatabase(options);
        var writer = new OutboxWriter(database, new OutboxSignal(), options, NullLogger<OutboxWriter>.Instance);
        return (
            new DeadLetterStore(database, writer, TimeProvider.System),
            new RelayStateStore(database, writer),
            new OutboxStore(database, writer, TimeProvider.System),
            writer);
    }

    public bool OutboxExists => File.Exists(Outbox.FullDatabasePath);

    private T Bind<T>(string section)
        where T : new()
    {
        var options = new T();
        _configuration.GetSection(section).Bind(options);
        return options;
    }
}
