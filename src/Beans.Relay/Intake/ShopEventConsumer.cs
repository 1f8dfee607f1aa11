using MassTransit;
using MassTransit.RabbitMqTransport;

namespace Beans.Relay.Intake;

/// <summary>Takes plain JSON events, as any AMQP client publishes them, off the relay's queue.</summary>
public sealed class ShopEventConsumer(EventIntake intake) : IConsumer<ShopEventMessage>
{
    public Task Consume(ConsumeContext<ShopEventMessage> context)
    {
        var receive = context.ReceiveContext;
        var rabbit = receive as RabbitMqReceiveContext;
        return intake.AcceptAsync(
            rabbit?.RoutingKey,
            receive.Body.GetBytes(),
            rabbit?.Properties.MessageId,
            context.CancellationToken);
    }
}
