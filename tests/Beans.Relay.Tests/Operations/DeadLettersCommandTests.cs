using System.Text.Json;
using Beans.Relay.Cli;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Operations;

[Collection(BrokerCollection.Name)]
public sealed class DeadLettersCommandTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task List_ARealDeadLetter_PrintsItAsATableAndAsJsonLines()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);

        var table = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "list");
        var json = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "list", "--json", "--type", "customer.created");
        var otherType = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "list", "--json", "--type", "order.created");

        Assert.Equal(RelayCommandLine.Success, table.ExitCode);
        Assert.StartsWith("ID", table.Out, StringComparison.Ordinal);
        Assert.Contains("dead-customer-1", table.Out, StringComparison.Ordinal);
        Assert.Contains("1 dead letter", table.Out, StringComparison.Ordinal);
        Assert.Equal(RelayCommandLine.Success, json.ExitCode);
        var line = Assert.Single(json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var item = JsonDocument.Parse(line);
        var root = item.RootElement;
        Assert.Equal("dead-customer-1", root.GetProperty("event_id").GetString());
        Assert.Equal("customer.created", root.GetProperty("type").GetString());
        Assert.Equal("customer:1847", root.GetProperty("entity").GetString());
        Assert.Equal(1, root.GetProperty("attempts").GetInt32());
        Assert.Equal(422, root.GetProperty("last_status").GetInt32());
        Assert.True(root.TryGetProperty("last_error", out _));
        Assert.True(root.GetProperty("when").TryGetDateTimeOffset(out _));
        Assert.Equal(string.Empty, otherType.Out);
    }

    [Fact]
    public async Task Show_ARealDeadLetter_PrintsItsOutcomeAndTheBeansBody()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);
        var id = await DeadLetterIdAsync(relay);

        var text = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "show", id.ToString());
        var json = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "show", id.ToString(), "--json");
        var missing = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "show", "999999");

        Assert.Equal(RelayCommandLine.Success, text.ExitCode);
        Assert.Contains("customer/hook_created", text.Out, StringComparison.Ordinal);
        Assert.Contains("email is not valid", text.Out, StringComparison.Ordinal);
        Assert.Contains("\"first_name\": \"John\"", text.Out, StringComparison.Ordinal);
        using var detail = JsonDocument.Parse(json.Out);
        Assert.Equal("dead", detail.RootElement.GetProperty("state").GetString());
        Assert.Equal(1847, detail.RootElement.GetProperty("body").GetProperty("id").GetInt32());
        Assert.Equal(RelayCommandLine.Failure, missing.ExitCode);
    }

    [Fact]
    public async Task Replay_AfterTheReceiverRecovers_IsDeliveredByTheRunningRelay()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);
        var id = await DeadLetterIdAsync(relay);
        relay.Receiver.Respond = _ => Task.FromResult(new ReceiverAnswer(200));

        var dryRun = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "replay", id.ToString(), "--dry-run");
        var replay = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "replay", id.ToString());
        var requests = await relay.Receiver.WaitForAsync(2, OpsTestSupport.Patience);
        await OpsTestSupport.WaitForCountAsync(relay.DatabasePath, "state = 1", 1);
        var again = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "replay", id.ToString());

        Assert.Equal("Would replay 1 dead letter.\n", dryRun.Out);
        Assert.Equal(RelayCommandLine.Success, replay.ExitCode);
        Assert.Equal("Replayed 1 dead letter.\n", replay.Out);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(0, await OpsTestSupport.CountAsync(relay.DatabasePath, "state = 2"));
        Assert.Equal(RelayCommandLine.Failure, again.ExitCode);
    }

    [Fact]
    public async Task Purge_WithoutYes_IsAUsageError_AndWithYes_DeletesTheDeadLetter()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);

        var unconfirmed = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "purge", "--all");
        var purge = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "purge", "--all", "--yes");

        Assert.Equal(RelayCommandLine.Usage, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Equal(RelayCommandLine.Success, purge.ExitCode);
        Assert.Equal("Purged 1 dead letter.\n", purge.Out);
        Assert.Equal(0, await OpsTestSupport.CountAsync(relay.DatabasePath, "1 = 1"));
    }

    [Fact]
    public async Task Status_WhileTheRelayRuns_ReportsDeadLettersAndTheConsumerConnected()
    {
        await using var relay = await OpsTestSupport.StartWithDeadLetterAsync(broker);
        await WaitForConsumerReportedAsync(relay);

        var json = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "status", "--json");
        var text = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "status");

        using var status = JsonDocument.Parse(json.Out);
        Assert.Equal(1, status.RootElement.GetProperty("outbox").GetProperty("dead").GetInt64());
        var state = status.RootElement.GetProperty("relay");
        Assert.True(state.GetProperty("running").GetBoolean());
        Assert.False(state.GetProperty("paused").GetBoolean());
        Assert.True(state.GetProperty("consumer_connected").GetBoolean());
        Assert.Contains("dead letters:         1", text.Out, StringComparison.Ordinal);
        Assert.Contains("consumer connected:   yes", text.Out, StringComparison.Ordinal);
    }

    private static async Task<long> DeadLetterIdAsync(RelayUnderTest relay)
    {
        var list = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "dead-letters", "list", "--json");
        using var item = JsonDocument.Parse(list.Out.Split('\n')[0]);
        return item.RootElement.GetProperty("id").GetInt64();
    }

    private static async Task WaitForConsumerReportedAsync(RelayUnderTest relay)
    {
        var deadline = DateTime.UtcNow + OpsTestSupport.Patience;
        while (DateTime.UtcNow < deadline)
        {
            var run = await OpsTestSupport.RunCliAsync(relay.DatabasePath, "status", "--json");
            using var status = JsonDocument.Parse(run.Out);
            if (status.RootElement.GetProperty("relay").GetProperty("consumer_connected").ValueKind == JsonValueKind.True)
            {
                return;
            }

            await Task.Delay(200);
        }
    }
}
