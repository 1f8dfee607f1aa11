using System.Text;
using Beans.Relay.Mapping;

namespace Beans.Relay.Tests.Mapping;

public sealed class EventMapperEnvelopeTests
{
    [Theory]
    [InlineData("customer.created", EventType.CustomerCreated, "customer/hook_created", "customer:1847")]
    [InlineData("customer.updated", EventType.CustomerUpdated, "customer/hook_created", "customer:1847")]
    [InlineData("CUSTOMER.Deleted", EventType.CustomerDeleted, "customer/hook_deleted", "customer:1847")]
    [InlineData("order.created", EventType.OrderCreated, "order/hook_created", "order:13207")]
    [InlineData("Order.Updated", EventType.OrderUpdated, "order/hook_created", "order:13207")]
    public void Map_RoutingKey_SetsTypeHookAndEntityKey(string key, EventType type, string hook, string entity)
    {
        var json = key.StartsWith("order", StringComparison.OrdinalIgnoreCase)
            ? MappingTestData.Order
            : MappingTestData.Customer;

        var mapped = MappingTestData.Map(key, json);

        Assert.Equal(type, mapped.Type);
        Assert.Equal(hook, mapped.Hook);
        Assert.Equal(entity, mapped.EntityKey);
        Assert.Null(mapped.EventId);
    }

    [Theory]
    [InlineData("order.created", EventType.OrderCreated)]
    [InlineData("com.example.shop.order.created", EventType.OrderCreated)]
    [InlineData("com.example.shop.order.updated", EventType.OrderUpdated)]
    [InlineData("Com.Example.ORDER.CREATED", EventType.OrderCreated)]
    public void Map_CloudEventWithoutRoutingKey_TakesTypeAndIdFromEnvelope(string ceType, EventType expected)
    {
        var body = CloudEvent(ceType, MappingTestData.Order);

        var mapped = MappingTestData.CreateSut().Map(null, Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, mapped.Type);
        Assert.Equal("evt-42", mapped.EventId);
        Assert.Equal("order:13207", mapped.EntityKey);
    }

    [Fact]
    public void Map_CloudEvent_BodyIsTheDataMapped()
    {
        var body = CloudEvent("com.example.shop.customer.created", MappingTestData.Customer);

        var mapped = MappingTestData.Map("customer.created", body);

        var expected = MappingTestData.MapToJson("customer.created", MappingTestData.Customer);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, MappingTestData.BodyOf(mapped)));
    }

    [Theory]
    [InlineData("order.updated", "com.example.shop.order.created", "type")]
    [InlineData("customer.created", "order.created", "type")]
    [InlineData("order.created", "com.example.shop.order.deleted", "type")]
    [InlineData("order.deleted", "com.example.shop.order.created", "routing_key")]
    public void Map_CloudEventTypeAndRoutingKeyProblems_AreRejected(string key, string ceType, string field)
    {
        var body = CloudEvent(ceType, MappingTestData.Order);

        var exception = MappingTestData.Rejected(key, body);

        Assert.Equal(field, exception.Field);
    }

    [Theory]
    [InlineData("order.deleted")]
    [InlineData("customer")]
    [InlineData("invoice.created")]
    public void Map_UnknownRoutingKey_IsRejectedNamingRoutingKey(string key)
    {
        var exception = MappingTestData.Rejected(key, MappingTestData.Order);

        Assert.Equal("routing_key", exception.Field);
        Assert.Contains(key, exception.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Map_NoRoutingKeyAndBareObject_IsRejectedNamingType(string? key)
    {
        var exception = Assert.Throws<EventRejectedException>(
            () => MappingTestData.CreateSut().Map(key, Encoding.UTF8.GetBytes(MappingTestData.Order)));

        Assert.Equal("type", exception.Field);
        Assert.Equal("no event type: give a routing key or a CloudEvents envelope", exception.Reason);
    }

    [Theory]
    [InlineData("specversion", "\"0.3\"", "specversion")]
    [InlineData("specversion", "1.0", "specversion")]
    [InlineData("id", null, "id")]
    [InlineData("id", "\"\"", "id")]
    [InlineData("id", "42", "id")]
    [InlineData("type", null, "type")]
    [InlineData("type", "\"created\"", "type")]
    [InlineData("source", null, "source")]
    [InlineData("data", null, "data")]
    [InlineData("data", "[1]", "data")]
    [InlineData("data", "\"{}\"", "data")]
    [InlineData("datacontenttype", "\"application/xml\"", "datacontenttype")]
    public void Map_InvalidCloudEventAttribute_IsRejectedNamingIt(string name, string? raw, string field)
    {
        var body = MappingTestData.With(CloudEvent("order.created", MappingTestData.Order), name, raw);

        var exception = MappingTestData.Rejected("order.created", body);

        Assert.Equal(field, exception.Field);
    }

    [Fact]
    public void Map_CloudEventWithJsonContentTypeAndCharset_IsAccepted()
    {
        var body = MappingTestData.With(
            CloudEvent("order.created", MappingTestData.Order),
            "datacontenttype",
            "\"application/json; charset=utf-8\"");

        var mapped = MappingTestData.Map("order.created", body);

        Assert.Equal("evt-42", mapped.EventId);
    }

    [Fact]
    public void Map_CloudEventDataFieldInvalid_NamesPathInsideData()
    {
        var data = MappingTestData.With(MappingTestData.Order, "customer.created_at", "\"yesterday\"");

        var exception = MappingTestData.Rejected("order.created", CloudEvent("order.created", data));

        Assert.Equal("data.customer.created_at", exception.Field);
    }

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"id\":1,\"id\":2}")]
    [InlineData("{\"id\":1} {}")]
    public void Map_MalformedJson_IsRejectedNamingBody(string body)
    {
        var exception = MappingTestData.Rejected("customer.created", body);

        Assert.Equal("$", exception.Field);
        Assert.StartsWith("malformed JSON: ", exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_InvalidUtf8InsideAString_IsRejectedNamingBody()
    {
        byte[] body = [.. "{\"id\": 7, \"first_name\": \"Jo"u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];

        var exception = Assert.Throws<EventRejectedException>(() => MappingTestData.CreateSut().Map("customer.created", body));

        Assert.Equal("$", exception.Field);
        Assert.Equal("the body is not valid UTF-8", exception.Reason);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"order\"")]
    [InlineData("null")]
    public void Map_BodyNotAnObject_IsRejectedNamingBody(string body)
    {
        var exception = MappingTestData.Rejected("order.created", body);

        Assert.Equal("$", exception.Field);
        Assert.Contains("must be a JSON object", exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_DeeplyNestedBody_IsRejectedNotCrashing()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        var body = $"{{\"id\":1847,\"x\":{deep}}}";

        var exception = MappingTestData.Rejected("customer.created", body);

        Assert.Equal("$", exception.Field);
        Assert.Contains("depth", exception.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Map_BodyWithByteOrderMark_IsAccepted()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MappingTestData.Customer)).ToArray();

        var mapped = MappingTestData.CreateSut().Map("customer.created", body);

        Assert.Equal("customer:1847", mapped.EntityKey);
    }

    [Fact]
    public void Map_RejectionReason_NeverCarriesTheWholeBody()
    {
        var longName = new string('x', 500);
        var body = MappingTestData.With(MappingTestData.Customer, "created_at", $"\"{longName}\"");

        var exception = MappingTestData.Rejected("customer.created", body);

        Assert.Equal("created_at", exception.Field);
        Assert.True(exception.Reason.Length < 200, exception.Reason);
        Assert.DoesNotContain("john.doe", exception.Message, StringComparison.Ordinal);
    }

    private static string CloudEvent(string type, string data) => $$"""
        {"specversion":"1.0","type":"{{type}}","source":"/shop/test","id":"evt-42",
         "time":"2024-05-01T10:00:00Z","datacontenttype":"application/json","data":{{data}}}
        """;
}
