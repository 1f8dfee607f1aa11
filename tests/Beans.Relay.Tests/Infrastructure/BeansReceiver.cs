using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beans.Relay.Tests.Infrastructure;

/// <summary>A real HTTP server on loopback standing in for Beans; tests script its answers.</summary>
public sealed class BeansReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private BeansReceiver(WebApplication app) => _app = app;

    /// <summary>Decides each answer; 200 with an empty body unless a test says otherwise.</summary>
    public Func<ReceivedRequest, Task<ReceiverAnswer>> Respond { get; set; } =
        _ => Task.FromResult(new ReceiverAnswer(200));

    /// <summary>The base URL to configure as <c>Beans:BaseUrl</c>, ending in a slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static async Task<BeansReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new BeansReceiver(app);
        app.MapPost("/hooks/{**hook}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        receiver.BaseUrl = address + "/hooks/";
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (_requests.Count < count)
            {
                await _arrived.WaitAsync(cancellation.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The receiver got {_requests.Count} requests within {timeout}, not {count}.");
        }

        return Requests;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string hook)
    {
        using var reader = new StreamReader(context.Request.Body);
        var request = new ReceivedRequest(
            hook,
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType ?? string.Empty,
            await reader.ReadToEndAsync(context.RequestAborted),
            DateTimeOffset.UtcNow);
        var answer = await Respond(request);
        _requests.Enqueue(request);
        _arrived.Release();

        if (answer.HangForever)
        {
            // Holds the request until the client gives up and aborts it; nothing is ever sent.
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.BodyStall is { } stall && !string.IsNullOrEmpty(answer.Body))
        {
            await context.Response.WriteAsync(answer.Body[..1], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(stall, context.RequestAborted);
            await context.Response.WriteAsync(answer.Body[1..], context.RequestAborted);
        }
        else if (answer.Body is not null)
        {
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }
}
