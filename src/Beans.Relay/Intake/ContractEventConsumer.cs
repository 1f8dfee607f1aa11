using System.Text.Json;
using Beans.Relay.Contracts;
using MassTransit;

namespace Beans.Relay.Intake;

/// <summary>
/// Takes the typed contracts a .NET shop publishes with MassTransit. Each is written as the plain
/// JSON event it stands for and goes through the same mapping, so both paths obey the same rules.
/// </summary>
public sealed class ContractEventConsumer(EventIntake intake) :
    IConsumer<CustomerCreated>,
    IConsumer<CustomerUpdated>,
    IConsumer<CustomerDeleted>,
    IConsumer<OrderCreated>,
    IConsumer<OrderUpdated>
{
    private static readonly JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public Task Consume(ConsumeContext<CustomerCreated> context) =>
        AcceptAsync(context, "customer.created", context.Message.Customer);

    public Task Consume(ConsumeContext<CustomerUpdated> context) =>
        AcceptAsync(context, "customer.updated", context.Message.Customer);

    public Task Consume(ConsumeContext<CustomerDeleted> context) =>
        AcceptAsync(context, "customer.deleted", context.Message.Customer);

    public Task Consume(ConsumeContext<OrderCreated> context) =>
        AcceptAsync(context, "order.created", context.Message.Order);

    public Task Consume(ConsumeContext<OrderUpdated> context) =>
        AcceptAsync(context, "order.updated", context.Message.Order);

    private Task AcceptAsync<T>(ConsumeContext context, string routingKey, T data)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(data, SnakeCase);
        return intake.AcceptAsync(routingKey, body, context.MessageId?.ToString(), context.CancellationToken);
    }
}
