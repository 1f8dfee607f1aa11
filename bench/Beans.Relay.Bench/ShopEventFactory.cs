using System.Text.Json.Nodes;

namespace Beans.Relay.Bench;

/// <summary>
/// Makes Beans-shaped customer and order events from the shared samples. Each carries a token
/// naming its run and sequence number in a field the relay passes through unchanged: the
/// customer's <c>last_name</c>, the order's <c>ref</c>.
/// </summary>
internal sealed class ShopEventFactory
{
    private readonly JsonObject _customer;
    private readonly JsonObject _order;

    public ShopEventFactory(string samplesDirectory)
    {
        _customer = Load(Path.Combine(samplesDirectory, "beans", "customer.json"));
        _order = Load(Path.Combine(samplesDirectory, "beans", "order.json"));
    }

    /// <summary>Events alternate customer and order; half the entities are customers, half orders.</summary>
    public IReadOnlyList<ShopEvent> Create(int run, int count, int entities)
    {
        var customers = Math.Max(1, entities / 2);
        var events = new ShopEvent[count];
        for (var sequence = 0; sequence < count; sequence++)
        {
            var isOrder = sequence % 2 == 1;
            var id = (sequence / 2 % customers) + 1;
            var first = sequence / 2 < customers;
            var token = Token(run, sequence);
            var body = isOrder ? Order(id, token) : Customer(id, token);
            var routingKey = (isOrder ? "order." : "customer.") + (first ? "created" : "updated");
            var entity = isOrder ? customers + id : id;
            events[sequence] = new ShopEvent(sequence, entity, routingKey, $"bench-{run}-{sequence}", body);
        }

        return events;
    }

    public static string Token(int run, int sequence) => $"b{run}-{sequence}";

    /// <summary>Reads a token back; false for anything else.</summary>
    public static bool TryReadToken(string? text, out int run, out int sequence)
    {
        run = 0;
        sequence = 0;
        if (text is null || !text.StartsWith('b'))
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 1
            && int.TryParse(text.AsSpan(1, dash - 1), out run)
            && int.TryParse(text.AsSpan(dash + 1), out sequence);
    }

    private byte[] Customer(int id, string token)
    {
        var customer = (JsonObject)_customer.DeepClone();
        customer["id"] = 100_000 + id;
        customer["last_name"] = token;
        customer["email"] = $"customer{id}@example.com";
        return System.Text.Encoding.UTF8.GetBytes(customer.ToJsonString());
    }

    private byte[] Order(int id, string token)
    {
        var order = (JsonObject)_order.DeepClone();
        order["id"] = 500_000 + id;
        order["ref"] = token;
        if (order["customer"] is JsonObject customer)
        {
            customer["id"] = 100_000 + id;
        }

        return System.Text.Encoding.UTF8.GetBytes(order.ToJsonString());
    }

    private static JsonObject Load(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) as JsonObject
        ?? throw new InvalidDataException($"{path} is not a JSON object.");
}
