using System.Diagnostics;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Hosting;

/// <summary>
/// The output of <c>dotnet publish -c Release</c>, run as the container's entrypoint runs it
/// (<c>dotnet Beans.Relay.dll</c> in its folder, configured by environment variables only).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class PublishedRelayTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private const string SecretKey = "sk_test_published_8b2c";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PublishPatience = TimeSpan.FromMinutes(5);

    /// <summary>One publish per test run, shared by the tests of this class.</summary>
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly string _folder = Directory.CreateTempSubdirectory("beans-relay-published-").FullName;
    private BeansReceiver _receiver = null!;
    private TestBus _bus = null!;

    private string Exchange => "test-published-events-" + _suffix;

    private string Queue => "test-published-relay-" + _suffix;

    public async ValueTask InitializeAsync()
    {
        _receiver = await BeansReceiver.StartAsync();
        _bus = await TestBus.ConnectAsync(broker.RequireUrl());
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DeleteAsync(Exchange, Queue);
        await _bus.DisposeAsync();
        await _receiver.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task PublishedRelay_SeedOrderPublishedAsOrderCreated_IsPostedToTheOrderHook()
    {
        var order = SharedSamples.ReadText("beans/order.json");
        var dll = await Published.Value;
        await using var relay = RelayProcess.Start(dll, Settings());
        await relay.WaitUntilConsumingAsync(broker.RequireUrl(), Queue, Patience);

        await _bus.PublishAsync(Exchange, "order.created", order, "published-order-1");
        var requests = await _receiver.WaitForAsync(1, Patience);
        var exitCode = await relay.StopAsync(Patience);

        var request = Assert.Single(requests);
        Assert.Equal("order/hook_created", request.Hook);
        JsonAssert.Equivalent(order, request.Body);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task PublishedHealthcheck_AgainstARunningRelayOnAWildcardAddress_ExitsZero()
    {
        var dll = await Published.Value;
        await using var relay = RelayProcess.Start(dll, Settings());
        var ops = await relay.GetOpsAddressAsync(Patience);

        await using var healthcheck = RelayProcess.Start(
            dll, [new("Ops:Urls", $"http://0.0.0.0:{ops.Port}")], "healthcheck");
        var exitCode = await healthcheck.WaitForExitAsync(Patience);

        Assert.True(exitCode == 0, "healthcheck failed: " + healthcheck.Output);
    }

    [Fact]
    public async Task PublishedHealthcheck_WithNothingListening_ExitsOne()
    {
        var dll = await Published.Value;
        var closedPort = ClosedPort();

        await using var healthcheck = RelayProcess.Start(
            dll, [new("Ops:Urls", $"http://0.0.0.0:{closedPort}")], "healthcheck");
        var exitCode = await healthcheck.WaitForExitAsync(Patience);

        Assert.Equal(1, exitCode);
        Assert.Contains("did not answer", healthcheck.Output, StringComparison.Ordinal);
    }

    private List<KeyValuePair<string, string>> Settings() =>
    [
        new("RabbitMq:Url", broker.RequireUrl()),
        new("RabbitMq:Exchange", Exchange),
        new("RabbitMq:Queue", Queue),
        new("Beans:BaseUrl", _receiver.BaseUrl),
        new("Beans:SecretKey", SecretKey),
        new("Outbox:DatabasePath", Path.Combine(_folder, "relay.db")),
        new("Ops:Urls", "http://127.0.0.1:0"),
    ];

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs <c>dotnet publish src/Beans.Relay -c Release</c> into a temporary folder, offline (the
    /// packages are restored with the solution), and returns the published dll.
    /// </summary>
    private static async Task<string> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("beans-relay-publish-").FullName;
        var info = new ProcessStartInfo(RelayProcess.DotnetHost)
        {
            WorkingDirectory = RelayProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "publish", Path.Combine("src", "Beans.Relay", "Beans.Relay.csproj"), "-c", "Release", "-o", output,
            "--no-restore", "--disable-build-servers", "-nologo", "-clp:NoSummary",
        })
        {
            info.ArgumentList.Add(arg);
        }

        // The test host inherits MSBuild's settings from `dotnet test`; the child picks its own.
        foreach (var name in info.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        using var publish = Process.Start(info)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishPatience);
        await publish.WaitForExitAsync(timeout.Token);
        var dll = Path.Combine(output, "Beans.Relay.dll");
        Assert.True(
            publish.ExitCode == 0 && File.Exists(dll),
            $"dotnet publish failed with {publish.ExitCode}:\n{await stdout}\n{await stderr}");
        return dll;
    }
}
