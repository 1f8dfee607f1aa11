using Beans.Relay.Intake;

namespace Beans.Relay.Tests.Intake;

public sealed class TopicPatternTests
{
    [Theory]
    [InlineData("customer.#", "customer.created", true)]
    [InlineData("customer.#", "customer", true)]
    [InlineData("customer.#", "order.created", false)]
    [InlineData("order.*", "order.created", true)]
    [InlineData("order.*", "order.created.extra", false)]
    [InlineData("#", "order.updated", true)]
    [InlineData("*.deleted", "customer.deleted", true)]
    [InlineData("*.deleted", "customer.created", false)]
    [InlineData("order.created", "order.created", true)]
    [InlineData("order.created", "order.updated", false)]
    [InlineData("#.created", "order.created", true)]
    public void Matches_TopicPattern_FollowsAmqpRules(string pattern, string routingKey, bool expected)
    {
        var matches = TopicPattern.Matches(pattern, routingKey);

        Assert.Equal(expected, matches);
    }
}
