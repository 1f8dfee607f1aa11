using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beans.Relay.Bench;

/// <summary>
/// Stands in for Beans on loopback: answers 200 at once and notes when each event's POST came,
/// reading the event's token from the body.
/// </summary>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private DeliveryTracker? _tracker;
    private TaskCompletionSource<long> _firstPost = NewFirstPost();
    private long _posts;

    private Receiver(WebApplication app) => _app = app;

    /// <summary>The base URL for <c>Beans:BaseUrl</c>, ending in a slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public long Posts => Interlocked.Read(ref _posts);

    /// <summary>Completes with the receipt time of the first POST since <see cref="Track"/>.</summary>
    public Task<long> FirstPost => _firstPost.Task;

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/hooks/{**hook}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        receiver.BaseUrl = address + "/hooks/";
        return receiver;
    }

    /// <summary>Sends the POSTs that follow to <paramref name="tracker"/> (none when null).</summary>
    public void Track(DeliveryTracker? tracker)
    {
        _firstPost = NewFirstPost();
        Volatile.Write(ref _tracker, tracker);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = Clock.Now;
        Interlocked.Increment(ref _posts);
        _firstPost.TrySetResult(at);
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        if (Volatile.Read(ref _tracker) is { } tracker
            && ShopEventFactory.TryReadToken(TokenOf(body.RootElement), out var run, out var sequence)
            && run == tracker.Run)
        {
            tracker.Received(sequence, at);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static string? TokenOf(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            return reference.GetString();
        }

        return root.TryGetProperty("last_name", out var lastName) && lastName.ValueKind == JsonValueKind.String
            ? lastName.GetString()
            : null;
    }

    private static TaskCompletionSource<long> NewFirstPost() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
