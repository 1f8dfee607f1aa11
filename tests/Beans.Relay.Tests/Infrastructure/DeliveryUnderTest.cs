using Beans.Relay.Hosting;
using Beans.Relay.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>
/// The relay's outbox and delivery, wired by the relay's own extension methods, without the broker:
/// a real SQLite file, the real HTTP client pipeline and dispatcher, a real receiver on loopback.
/// Events go straight into the outbox, as intake would put them.
/// </summary>
public sealed class DeliveryUnderTest : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider _clock;
    private ServiceProvider? _services;
    private List<IHostedService> _started = [];

    private DeliveryUnderTest(BeansReceiver receiver, TimeProvider clock, Dictionary<string, string?> settings)
    {
        Receiver = receiver;
        _clock = clock;
        _settings = settings;
    }

    public BeansReceiver Receiver { get; }

    public string Folder { get; private set; } = string.Empty;

    public OutboxStore Store => _services!.GetRequiredService<OutboxStore>();

    public IServiceProvider Services => _services!;

    /// <summary>Starts a receiver and the delivery side on a fresh SQLite file.</summary>
    /// <param name="clock">The clock the relay runs on; the system clock when null.</param>
    /// <param name="settings">Extra configuration, such as <c>Delivery:RetrySchedule:1</c>.</param>
    public static async Task<DeliveryUnderTest> StartAsync(
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var receiver = await BeansReceiver.StartAsync();
        var folder = Directory.CreateTempSubdirectory("beans-delivery-test-").FullName;
        Dictionary<string, string?> all = new()
        {
            ["Beans:BaseUrl"] = receiver.BaseUrl,
            ["Beans:SecretKey"] = RelayUnderTest.SecretKey,
            ["Outbox:DatabasePath"] = Path.Combine(folder, "relay.db"),
            ["Delivery:AttemptTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var delivery = new DeliveryUnderTest(receiver, clock ?? TimeProvider.System, all) { Folder = folder };
        await delivery.StartHostAsync();
        return delivery;
    }

    /// <summary>Starts the outbox and the dispatcher (again, after <see cref="StopHostAsync"/>).</summary>
    public async Task StartHostAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(_clock);
        services.AddRelayOutbox(configuration).AddRelayDelivery(configuration);
        _services = services.BuildServiceProvider();
        _started = [];
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            _started.Add(hosted);
        }
    }

    public async Task StopHostAsync()
    {
        if (_services is null)
        {
            return;
        }

        for (var index = _started.Count - 1; index >= 0; index--)
        {
            await _started[index].StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        _services = null;
    }

    /// <summary>Stores events as intake does; each is (event id, entity key, hook, is upsert).</summary>
    public Task<int> AddAsync(params NewOutboxEvent[] events) => Store.AddAsync(events, CancellationToken.None);

    /// <summary>An upsert of <paramref name="entityKey"/> whose body names its event id.</summary>
    public static NewOutboxEvent Upsert(string eventId, string entityKey = "customer:1") =>
        new(eventId, "customer.updated", entityKey, "customer/hook_created", Body(eventId, entityKey), IsUpsert: true);

    /// <summary>A delete of <paramref name="entityKey"/> whose body names its event id.</summary>
    public static NewOutboxEvent Delete(string eventId, string entityKey = "customer:1") =>
        new(eventId, "customer.deleted", entityKey, "customer/hook_deleted", Body(eventId, entityKey), IsUpsert: false);

    /// <summary>The event id a delivered body carries.</summary>
    public static string EventIdOf(ReceivedRequest request) =>
        System.Text.Json.JsonDocument.Parse(request.Body).RootElement.GetProperty("event").GetString()!;

    /// <summary>Polls the stored row until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>.</summary>
    public async Task<OutboxRow> WaitForRowAsync(string eventId, Func<OutboxRow, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        OutboxRow? row;
        while (!((row = await Store.FindAsync(eventId, CancellationToken.None)) is { } found && condition(found)))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Row {eventId} did not reach the expected state within {timeout}; it is " +
                    (row is null ? "missing" : $"state {row.State}, attempts {row.Attempts}, status {row.LastStatus}"));
            }

            await Task.Delay(20);
        }

        return row;
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
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

    private static string Body(string eventId, string entityKey) =>
        $$"""{"event":"{{eventId}}","entity":"{{entityKey}}"}""";
}
