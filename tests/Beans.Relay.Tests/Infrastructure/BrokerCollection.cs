namespace Beans.Relay.Tests.Infrastructure;

/// <summary>Integration tests share one broker locator and run one class at a time, for a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker";
}
