using System.Net.Http.Headers;
using MassTransit;
using MassTransit.RabbitMqTransport;

namespace Beans.Relay.Bench.Baseline;

/// <summary>A plain MassTransit consumer that posts each event straight to Beans: no outbox, no ordering.</summary>
public sealed class BaselineConsumer(BaselineTarget target) : IConsumer<BaselineShopEvent>
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task Consume(ConsumeContext<BaselineShopEvent> context)
    {
        var receive = context.ReceiveContext;
        var routingKey = (receive as RabbitMqReceiveContext)?.RoutingKey ?? string.Empty;
        var hook = routingKey.StartsWith("order", StringComparison.Ordinal)
            ? "order/hook_created"
            : "customer/hook_created";
        using var content = new ByteArrayContent(receive.Body.GetBytes());
        content.Headers.ContentType = Json;
        using var response = await target.Client.PostAsync(
            new Uri(hook, UriKind.Relative),
            content,
            context.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
