using System.Net.Sockets;
using Testcontainers.RabbitMq;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>
/// The broker the integration tests use: the one at <c>RabbitMq__Url</c> when it is set, else a
/// Testcontainers RabbitMQ where a Docker engine answers, else the local default when it answers.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private const string LocalDefault = "amqp://guest:guest@localhost:5672/";

    private RabbitMqContainer? _container;

    /// <summary>The AMQP URL, or null when no broker could be found.</summary>
    public string? Url { get; private set; }

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Url = Environment.GetEnvironmentVariable("RabbitMq__Url") ?? Environment.GetEnvironmentVariable("RABBITMQ_URL");
        if (Url is not null)
        {
            return;
        }

        if (File.Exists("/var/run/docker.sock") || Environment.GetEnvironmentVariable("DOCKER_HOST") is not null)
        {
            try
            {
                _container = new RabbitMqBuilder("rabbitmq:3.13-management").Build();
                await _container.StartAsync();
                Url = _container.GetConnectionString();
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _container = null;
                Unavailable = "Testcontainers could not start RabbitMQ: " + exception.Message;
            }
        }

        if (await AnswersAsync("localhost", 5672))
        {
            Url = LocalDefault;
            return;
        }

        Unavailable ??= "No RabbitMQ: set RabbitMq__Url, run a Docker engine, or run scripts/ensure-rabbitmq.";
    }

    /// <summary>The URL, or skips the calling test with the reason there is no broker.</summary>
    public string RequireUrl()
    {
        if (Url is null)
        {
            Assert.Skip(Unavailable ?? "No RabbitMQ.");
        }

        return Url;
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private static async Task<bool> AnswersAsync(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
