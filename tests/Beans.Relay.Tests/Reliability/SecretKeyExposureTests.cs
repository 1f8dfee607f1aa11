using System.Text;
using Beans.Relay.Tests.Infrastructure;
using Beans.Relay.Tests.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beans.Relay.Tests.Reliability;

/// <summary>
/// The secret key must not come back out of the relay by any road, including the one Beans itself
/// opens: a failure response that echoes the request's Authorization header, whose start the relay
/// keeps as the row's response excerpt and shows to ops.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SecretKeyExposureTests(RabbitMqBroker broker)
{
    private static readonly string Basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + RelayUnderTest.SecretKey));

    [Fact]
    public async Task DeadLetter_BeansEchoesTheAuthorizationHeaderAndKey_KeyIsInNoColumnOutputEndpointOrLog()
    {
        var logs = new CapturedLogs();
        await using var relay = await RelayUnderTest.StartAsync(
            broker, configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        relay.Receiver.Respond = request => Task.FromResult(new ReceiverAnswer(
            422,
            $$"""{"error": "invalid", "received_headers": {"Authorization": "{{request.Authorization}}"}, "key": "{{RelayUnderTest.SecretKey}}"}"""));
        await relay.PublishAsync("customer.created", SharedSamples.ReadText("beans/customer.json"), "echo-customer-1");
        await OpsTestSupport.WaitForCountAsync(relay.DatabasePath, "state = 2", 1);
        using var http = new HttpClient { BaseAddress = OpsTestSupport.OpsUrl(relay) };

        var row = await RowTextAsync(relay.DatabasePath);
        var id = row.Split('\u001f')[0];
        var list = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "list");
        var listJson = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "list", "--json");
        var show = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "show", id);
        var showJson = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "show", id, "--json");
        var apiList = await http.GetStringAsync("/api/dead-letters");
        var apiOne = await http.GetStringAsync($"/api/dead-letters/{id}");
        var status = await http.GetStringAsync("/api/status");
        var metrics = await http.GetStringAsync("/metrics");
        var page = await http.GetStringAsync("/");
        var script = await http.GetStringAsync("/dashboard.js");

        Assert.Contains("422", row, StringComparison.Ordinal);
        Assert.Contains("invalid", show.Out, StringComparison.Ordinal);
        var seen = new Dictionary<string, string>
        {
            ["outbox row"] = row,
            ["dead-letters list"] = list.Out + list.Error,
            ["dead-letters list --json"] = listJson.Out + listJson.Error,
            ["dead-letters show"] = show.Out + show.Error,
            ["dead-letters show --json"] = showJson.Out + showJson.Error,
            ["/api/dead-letters"] = apiList,
            ["/api/dead-letters/{id}"] = apiOne,
            ["/api/status"] = status,
            ["/metrics"] = metrics,
            ["/"] = page,
            ["/dashboard.js"] = script,
            ["logs"] = string.Join('\n', logs.Entries),
        };
        Assert.All(seen, pair =>
        {
            Assert.False(pair.Value.Contains(RelayUnderTest.SecretKey, StringComparison.Ordinal), $"{pair.Key} holds the secret key");
            Assert.False(pair.Value.Contains(Basic, StringComparison.Ordinal), $"{pair.Key} holds the Basic credentials");
        });
    }

    /// <summary>Every column of the one outbox row, id first, joined by a unit separator.</summary>
    private static async Task<string> RowTextAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM outbox";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
        return string.Join('\u001f', values);
    }
}
