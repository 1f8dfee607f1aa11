using Beans.Relay.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>
/// A whole relay in the test process, against the real broker (its own exchange and queue),
/// its own SQLite file and a real receiver on loopback.
/// </summary>
public sealed class RelayUnderTest : IAsyncDisposable
{
    public const string SecretKey = "sk_test_relay_7f3a9c";

    private readonly List<string> _extraArgs;
    private readonly Action<IServiceCollection>? _configureServices;

    private RelayUnderTest(string brokerUrl, BeansReceiver receiver, List<string> extraArgs, Action<IServiceCollection>? configureServices)
    {
        BrokerUrl = brokerUrl;
        Receiver = receiver;
        _extraArgs = extraArgs;
        _configureServices = configureServices;
        var id = Guid.NewGuid().ToString("N")[..10];
        Exchange = "test-shop-events-" + id;
        Queue = "test-beans-relay-" + id;
        Folder = Directory.CreateTempSubdirectory("beans-relay-test-").FullName;
        DatabasePath = Path.Combine(Folder, "relay.db");
    }

    public string BrokerUrl { get; }

    public BeansReceiver Receiver { get; }

    public string Exchange { get; }

    public string Queue { get; }

    public string ErrorQueue => Queue + "_error";

    public string Folder { get; }

    public string DatabasePath { get; }

    public WebApplication? App { get; private set; }

    public TestBus Bus { get; private set; } = null!;

    /// <summary>The configuration as command-line overrides, for an in-process host or a child process.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings =>
    [
        new("RabbitMq:Url", BrokerUrl),
        new("RabbitMq:Exchange", Exchange),
        new("RabbitMq:Queue", Queue),
        new("Beans:BaseUrl", Receiver.BaseUrl),
        new("Beans:SecretKey", SecretKey),
        new("Outbox:DatabasePath", DatabasePath),
        new("Ops:Urls", "http://127.0.0.1:0"),
        new("Delivery:AttemptTimeout", "00:00:05"),
    ];

    public static async Task<RelayUnderTest> StartAsync(
        RabbitMqBroker broker,
        IEnumerable<string>? extraArgs = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var url = broker.RequireUrl();
        var receiver = await BeansReceiver.StartAsync();
        var relay = new RelayUnderTest(url, receiver, [.. extraArgs ?? []], configureServices);
        relay.Bus = await TestBus.ConnectAsync(url);
        await relay.StartHostAsync();
        return relay;
    }

    /// <summary>Starts the in-process host (again, after <see cref="StopHostAsync"/>).</summary>
    public async Task StartHostAsync()
    {
        string[] args = [.. Settings.Select(setting => $"--{setting.Key}={setting.Value}"), .. _extraArgs];
        App = RelayHost.Build(args, _configureServices);
        await App.StartAsync();
        await WaitForQueueAsync();
        await WaitForBusReadyAsync();
    }

    /// <summary>Opens a new AMQP connection, after the broker closed the old one (a broker restart).</summary>
    public async Task ReconnectBusAsync()
    {
        await Bus.DisposeAsync();
        Bus = await TestBus.ConnectAsync(BrokerUrl);
    }

    public async Task StopHostAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
            App = null;
        }
    }

    public Task PublishAsync(string routingKey, string body, string? messageId = null) =>
        Bus.PublishAsync(Exchange, routingKey, body, messageId ?? Guid.NewGuid().ToString());

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Bus.DeleteAsync(Exchange, Queue);
        await Bus.DisposeAsync();
        await Receiver.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>
    /// Waits until MassTransit reports its receive endpoints ready: the queue alone can exist before
    /// the exchange and its bindings, and an event published then is dropped or refused.
    /// </summary>
    private async Task WaitForBusReadyAsync()
    {
        var bus = App!.Services.GetRequiredService<MassTransit.IBusControl>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (bus.CheckHealth().Status != MassTransit.BusHealthStatus.Healthy)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The relay's bus did not become ready within 30 s: " + bus.CheckHealth().Description);
            }

            await Task.Delay(50);
        }
    }

    private async Task WaitForQueueAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await Bus.MessageCountAsync(Queue);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The channel closes on a missing queue; reconnect and ask again.
                await Bus.DisposeAsync();
                await Task.Delay(200);
                Bus = await TestBus.ConnectAsync(BrokerUrl);
            }
        }
    }
}
