using System.CommandLine;
using Beans.Relay.Cli;
using Beans.Relay.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Beans.Relay.Tests.Operations;

/// <summary>Runs the command line in-process against a relay's file, and makes real dead letters.</summary>
internal static class OpsTestSupport
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public sealed record CliRun(int ExitCode, string Out, string Error);

    /// <summary>Invokes the program's root command with <paramref name="args"/> on <paramref name="databasePath"/>.</summary>
    public static async Task<CliRun> RunCliAsync(string databasePath, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new InvocationConfiguration { Output = output, Error = error };

        var code = await RelayCommandLine.InvokeAsync(
            args, configuration, overrides => new CliContext(["--Outbox:DatabasePath=" + databasePath, .. overrides]));

        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The base URL of the relay's ops endpoints (it listens on a free loopback port).</summary>
    public static Uri OpsUrl(RelayUnderTest relay) =>
        new(relay.App!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Starts a relay whose receiver answers 422, publishes a customer event, and waits until it is a dead letter.</summary>
    public static async Task<RelayUnderTest> StartWithDeadLetterAsync(
        RabbitMqBroker broker,
        IEnumerable<string>? extraArgs = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var customer = SharedSamples.ReadText("beans/customer.json");
        var relay = await RelayUnderTest.StartAsync(broker, extraArgs, configureServices);
        relay.Receiver.Respond = _ => Task.FromResult(
            new ReceiverAnswer(422, """{"error": {"code": "invalid", "message": "email is not valid"}}"""));
        await relay.PublishAsync("customer.created", customer, messageId: "dead-customer-1");
        await WaitForCountAsync(relay.DatabasePath, "state = 2", 1);
        return relay;
    }

    /// <summary>Waits until <paramref name="count"/> outbox rows match <paramref name="where"/>.</summary>
    public static async Task WaitForCountAsync(string databasePath, string where, long count)
    {
        var deadline = DateTime.UtcNow + Patience;
        long seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            seen = await CountAsync(databasePath, where);
            if (seen == count)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Expected {count} rows where {where} within {Patience}, saw {seen}.");
    }

    public static async Task<long> CountAsync(string databasePath, string where)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM outbox WHERE {where}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
