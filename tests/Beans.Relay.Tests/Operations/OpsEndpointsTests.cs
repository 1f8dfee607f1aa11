using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beans.Relay.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beans.Relay.Tests.Operations;

[Collection(BrokerCollection.Name)]
public sealed class OpsEndpointsTests(RabbitMqBroker broker)
{
    private const string ApiKey = "ops-key-5b1e";

    [Fact]
    public async Task DeadLetterApi_WithAKeyConfigured_AnswersOnlyTheRightKey()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker, ["--Ops:ApiKey=" + ApiKey]);
        using var http = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };

        var missing = await http.GetAsync("/api/dead-letters");
        var wrong = await SendAsync(http, HttpMethod.Get, "/api/dead-letters", "ops-key-5b1f");
        var right = await SendAsync(http, HttpMethod.Get, "/api/dead-letters", ApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var page = JsonDocument.Parse(await right.Content.ReadAsStringAsync());
        Assert.Equal(1, page.RootElement.GetProperty("total").GetInt64());
        Assert.Equal("dead-customer-1", page.RootElement.GetProperty("items")[0].GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task DeadLetterApi_NoKeyConfigured_AnswersLoopback_GetsOne_AndReplaysAFilteredSet()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);
        using var http = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };
        relay.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(200));

        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/dead-letters?type=customer.created&since=1h"));
        var id = list.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64();
        using var one = JsonDocument.Parse(await http.GetStringAsync($"/api/dead-letters/{id}"));
        var none = await http.GetAsync("/api/dead-letters?type=order.created");
        var badSince = await http.GetAsync("/api/dead-letters?since=soon");
        var replay = await http.PostAsync("/api/dead-letters/replay?type=customer.created", null);
        await relay.Receiver.WaitForAsync(2, OpsTestSupport.Patience);
        await OpsTestSupport.WaitForCountAsync(relay.DatabasePath, "state = 1", 1);
        var missing = await http.GetAsync("/api/dead-letters/999999");

        Assert.Equal("John", one.RootElement.GetProperty("body").GetProperty("first_name").GetString());
        Assert.Equal(422, one.RootElement.GetProperty("last_status").GetInt32());
        Assert.Equal(0, (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task DeadLetterApi_PurgeOne_DeletesIt()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);
        using var http = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };
        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/dead-letters"));
        var id = list.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64();

        var purge = await http.DeleteAsync($"/api/dead-letters/{id}");
        var again = await http.DeleteAsync($"/api/dead-letters/{id}");

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(0, await OpsTestSupport.CountAsync(relay.DatabasePath, "1 = 1"));
    }

    [Fact]
    public async Task Metrics_AfterADeadLetter_ExportTheCountersAndGauges()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);
        using var http = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };

        var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("beans_relay_events_consumed_total{type=\"customer.created\"} 1", text, StringComparison.Ordinal);
        Assert.Contains(
            "beans_relay_events_dead_lettered_total{type=\"customer.created\",status_class=\"4xx\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("beans_relay_outbox_dead_letters 1", text, StringComparison.Ordinal);
        Assert.Contains("beans_relay_outbox_pending 0", text, StringComparison.Ordinal);
        Assert.Contains("beans_relay_outbox_oldest_pending_age_seconds 0", text, StringComparison.Ordinal);
        Assert.Contains("beans_relay_delivery_paused 0", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE beans_relay_delivery_latency_seconds histogram", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_BrokerConnectedAndDelivering_IsLiveAndReady_WithTheBusCheckCounted()
    {
        await using var relay = await RelayUnderTest.StartAsync(broker);
        using var http = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };

        var live = await http.GetAsync("/health/live");
        var ready = await WaitForReadyStatusAsync(http, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var report = JsonDocument.Parse(ready);
        var checks = report.RootElement.GetProperty("checks").EnumerateObject().Select(check => check.Name).ToList();
        Assert.Contains("outbox", checks);
        Assert.Contains("delivery", checks);
        Assert.Contains(checks, name => name.StartsWith("masstransit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ready_WhileBeansRefusesTheKey_IsUnavailable_AndNothingLoggedHoldsTheSecretKey()
    {
        var logs = new CapturedLogs();
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(
            broker,
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        using var http = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };
        relay.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(401, """{"error": {"code": "auth"}}"""));

        await relay.PublishAsync("order.created", SharedSamples.ReadText("beans/order.json"));
        await relay.Receiver.WaitForAsync(2, OpsTestSupport.Patience);
        var ready = await WaitForReadyStatusAsync(http, HttpStatusCode.ServiceUnavailable);
        var metrics = await http.GetStringAsync("/metrics");
        var page = await http.GetStringAsync("/");
        var status = await http.GetStringAsync("/api/status");

        Assert.Contains("delivery is paused", ready, StringComparison.Ordinal);
        Assert.Contains("beans_relay_delivery_paused 1", metrics, StringComparison.Ordinal);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + RelayUnderTest.SecretKey));
        Assert.NotEmpty(logs.Entries);
        Assert.Contains(logs.Entries, entry => entry.Contains("[202]", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Contains("[203]", StringComparison.Ordinal));
        foreach (var text in logs.Entries.Append(metrics).Append(page).Append(status).Append(ready))
        {
            Assert.DoesNotContain(RelayUnderTest.SecretKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", key);
        return await http.SendAsync(request);
    }

    private static async Task<string> WaitForReadyStatusAsync(HttpClient http, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + OpsTestSupport.Patience;
        while (true)
        {
            var response = await http.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == expected)
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"/health/ready stayed {(int)response.StatusCode}: {body}");
            }

            await Task.Delay(200);
        }
    }
}
