using System.Text.Json.Nodes;
using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Cli;

public sealed class MapCommandTests
{
    [Fact]
    public async Task Map_SeedOrder_PrintsTheHookAndTheIdenticalBody()
    {
        var file = SharedSamples.Require("beans/order.json");

        var result = await CommandLine.RunAsync("map", "--type", "order.created", file);

        Assert.Equal(0, result.ExitCode);
        var printed = JsonNode.Parse(result.Output)!;
        Assert.Equal("order/hook_created", (string?)printed["hook"]);
        JsonAssert.Equivalent(File.ReadAllText(file), printed["body"]!.ToJsonString());
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Map_CustomerDeleted_PrintsTheDeleteHook()
    {
        var file = SharedSamples.Require("beans/customer.json");

        var result = await CommandLine.RunAsync("map", "-t", "customer.deleted", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("customer/hook_deleted", (string?)JsonNode.Parse(result.Output)!["hook"]);
    }

    [Fact]
    public async Task Map_OrderWithoutCurrency_ExitsWithOneAndNamesTheField()
    {
        var file = WriteTemp("""{"id": 13207, "total": "53.00"}""");

        var result = await CommandLine.RunAsync("map", "--type", "order.created", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("currency", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_OrderDeleted_ExitsWithOneBecauseBeansHasNoSuchHook()
    {
        var file = SharedSamples.Require("beans/order.json");

        var result = await CommandLine.RunAsync("map", "--type", "order.deleted", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("routing_key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_ShopTimeZoneSetting_ReadsTimestampsWithoutOffsetInThatZone()
    {
        var file = WriteTemp("""{"id": 7, "created_at": "2022-07-06 12:49:47"}""");

        var result = await CommandLine.RunAsync("map", "-t", "customer.created", file, "--Shop:TimeZone=Europe/Berlin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2022-07-06T12:49:47+02:00", (string?)JsonNode.Parse(result.Output)!["body"]!["created_at"]);
    }

    [Fact]
    public async Task Map_StrayArgument_ExitsWithTwo()
    {
        var file = SharedSamples.Require("beans/order.json");

        var result = await CommandLine.RunAsync("map", "--type", "order.created", file, "--verbose");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--verbose", result.Error, StringComparison.Ordinal);
    }

    private static string WriteTemp(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"beans-relay-map-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
