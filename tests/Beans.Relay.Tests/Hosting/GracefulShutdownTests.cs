using System.Globalization;
using System.Text.Json;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Hosting;

/// <summary>SIGTERM to a real relay process, as <c>docker stop</c> sends it, then a restart.</summary>
[Collection(BrokerCollection.Name)]
public sealed class GracefulShutdownTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private const int FirstCustomerId = 500_000;
    private const string SecretKey = "sk_test_shutdown_5d1e";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly string _folder = Directory.CreateTempSubdirectory("beans-relay-shutdown-").FullName;
    private BeansReceiver _receiver = null!;
    private TestBus _bus = null!;

    private string Exchange => "test-shutdown-events-" + _suffix;

    private string Queue => "test-shutdown-relay-" + _suffix;

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
    public async Task Sigterm_DuringABurst_ExitsZeroAndARestartDeliversEveryEventExactlyOnce()
    {
        const int count = 1000;
        _receiver.Respond = async _ =>
        {
            await Task.Delay(40);
            return new ReceiverAnswer(200);
        };
        var first = await StartRelayAsync([]);

        var publishing = PublishCustomersAsync(count);
        await _receiver.WaitForAsync(100, Patience);
        var exitCode = await first.StopAsync(Patience);
        var output = first.Output;
        await first.DisposeAsync();
        await publishing;
        var beforeRestart = CustomerIds(_receiver.Requests);
        await using var second = await StartRelayAsync([]);
        await _receiver.WaitForAsync(count, Patience);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(0, exitCode);
        Assert.Contains("Application is shutting down", output, StringComparison.Ordinal);
        Assert.InRange(beforeRestart.Count, 1, count - 1);
        Assert.Equal(beforeRestart.Count, beforeRestart.Distinct().Count());
        var all = CustomerIds(_receiver.Requests);
        Assert.Equal(count, all.Count);
        Assert.Equal(Enumerable.Range(FirstCustomerId, count).Select(id => (long)id), all.Order());
    }

    [Fact]
    public async Task Sigterm_WithADeliveryLongerThanShutdownTimeout_ExitsZeroAndLeavesTheEventPending()
    {
        var (arrived, release) = HoldAnswers();
        try
        {
            var first = await StartRelayAsync([new("Delivery:ShutdownTimeout", "00:00:02")]);
            await PublishCustomersAsync(1);
            await arrived.WaitAsync(Patience);

            var exitCode = await first.StopAsync(Patience);
            var output = first.Output;
            await first.DisposeAsync();
            var status = await StatusAsync();

            Assert.Equal(0, exitCode);
            Assert.Contains("waiting up to 00:00:02 for 1 deliveries in flight", output, StringComparison.Ordinal);
            Assert.Contains("abandoned after the shutdown timeout", output, StringComparison.Ordinal);
            Assert.Equal(1, status.GetProperty("outbox").GetProperty("pending").GetInt64());
            Assert.Equal(0, status.GetProperty("outbox").GetProperty("delivered").GetInt64());
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task Restart_AfterAnAbandonedDelivery_PostsTheEventAgain()
    {
        var (arrived, release) = HoldAnswers();
        var first = await StartRelayAsync([new("Delivery:ShutdownTimeout", "00:00:01")]);
        await PublishCustomersAsync(1);
        await arrived.WaitAsync(Patience);
        await first.StopAsync(Patience);
        await first.DisposeAsync();
        release.TrySetResult();

        await using var second = await StartRelayAsync([]);
        var requests = await _receiver.WaitForAsync(2, Patience);

        Assert.Equal([FirstCustomerId, FirstCustomerId], CustomerIds(requests));
    }

    /// <summary>Makes the receiver hold every answer until released; the first task completes when a POST arrives.</summary>
    private (Task Arrived, TaskCompletionSource Release) HoldAnswers()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Respond = async _ =>
        {
            arrived.TrySetResult();
            await release.Task;
            return new ReceiverAnswer(200);
        };
        return (arrived.Task, release);
    }

    private async Task<RelayProcess> StartRelayAsync(IEnumerable<KeyValuePair<string, string>> extra)
    {
        var relay = RelayProcess.Start(RelayProcess.BuiltDll, [.. Settings(), .. extra]);
        await relay.WaitUntilConsumingAsync(broker.RequireUrl(), Queue, Patience);
        return relay;
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
        new("Delivery:AttemptTimeout", "00:01:00"),
    ];

    private async Task PublishCustomersAsync(int count)
    {
        for (var index = 0; index < count; index++)
        {
            var id = FirstCustomerId + index;
            var body = $$"""
                {"id": {{id}}, "first_name": "Ada", "last_name": "Byron", "email": "ada{{id}}@example.com",
                 "is_newsletter": false, "tags": [], "created_at": "2024-01-01T00:00:00Z",
                 "updated_at": "2024-01-01T00:00:00Z"}
                """;
            await _bus.PublishAsync(Exchange, "customer.created", body, "shutdown-" + id.ToString(CultureInfo.InvariantCulture));
        }
    }

    private async Task<JsonElement> StatusAsync()
    {
        await using var status = RelayProcess.Start(RelayProcess.BuiltDll, Settings(), "status", "--json");
        var exitCode = await status.WaitForExitAsync(Patience);
        Assert.True(exitCode == 0, "status failed: " + status.Output);
        return JsonDocument.Parse(status.Output).RootElement.Clone();
    }

    private static List<long> CustomerIds(IEnumerable<ReceivedRequest> requests) =>
        [.. requests.Select(request => JsonDocument.Parse(request.Body).RootElement.GetProperty("id").GetInt64())];
}
