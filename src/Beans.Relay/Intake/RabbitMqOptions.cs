namespace Beans.Relay.Intake;

/// <summary>Where shop events come from (<c>RabbitMq</c> section).</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";
    public const string DefaultUrl = "amqp://guest:guest@localhost:5672/";
    public const string DefaultExchange = "shop-events";
    public const string DefaultQueue = "beans-relay";
    public const int DefaultPrefetchCount = 256;
    public const int DefaultMaxMessageBytes = 1024 * 1024;

    /// <summary>The broker's AMQP URL; user and password may be part of it.</summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>The durable topic exchange shops publish to.</summary>
    public string Exchange { get; set; } = DefaultExchange;

    /// <summary>The relay's durable queue, bound to <see cref="Exchange"/>.</summary>
    public string Queue { get; set; } = DefaultQueue;

    /// <summary>
    /// The routing-key patterns that bind <see cref="Queue"/> to <see cref="Exchange"/>. Relays that
    /// share a broker can split the work by entity kind (one binds <c>customer.#</c>, another
    /// <c>order.#</c>) and still keep the order of each entity's events. Empty means both.
    /// </summary>
    public List<string> Bindings { get; set; } = [];

    /// <summary>The bindings in force: <see cref="Bindings"/>, or <c>customer.#</c> and <c>order.#</c>.</summary>
    public IReadOnlyList<string> EffectiveBindings => Bindings.Count > 0 ? Bindings : ["customer.#", "order.#"];

    /// <summary>How many unacknowledged messages the broker hands the relay at once.</summary>
    public int PrefetchCount { get; set; } = DefaultPrefetchCount;

    /// <summary>Messages larger than this are rejected without being parsed.</summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;
}
