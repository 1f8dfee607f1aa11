using System.Text.Json;
using System.Text.Json.Nodes;

namespace Beans.Relay.Tests.Mapping;

public sealed class EventMapperSampleTests
{
    [Theory]
    [InlineData("customer.created", "beans/customer.json")]
    [InlineData("customer.updated", "beans/customer.json")]
    [InlineData("customer.deleted", "beans/customer.json")]
    [InlineData("order.created", "beans/order.json")]
    [InlineData("order.updated", "beans/order.json")]
    public void Map_SeedSample_BodyIsTheSampleItself(string routingKey, string sample)
    {
        var json = MappingTestData.ReadSample(sample);

        var body = MappingTestData.MapToJson(routingKey, json);

        var expected = JsonNode.Parse(json);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(KeyOrder(expected!), KeyOrder(body));
    }

    [Theory]
    [InlineData("customer.created", MappingTestData.Customer)]
    [InlineData("order.created", MappingTestData.Order)]
    public void Map_BeansShapedEvent_WritesCompactJsonInBeansKeyOrder(string routingKey, string json)
    {
        var mapped = MappingTestData.Map(routingKey, json);

        var expected = JsonNode.Parse(json)!.ToJsonString();
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(mapped.Body));
    }

    [Fact]
    public void Map_WooCommerceUnicodeCustomers_KeepNamesAsWritten()
    {
        var customers = JsonNode.Parse(MappingTestData.ReadSample("platforms/07_woocommerce_customers_unicode.json"));

        foreach (var customer in customers!.AsArray())
        {
            var mapped = MappingTestData.Map("customer.created", customer!.ToJsonString());

            var text = System.Text.Encoding.UTF8.GetString(mapped.Body);
            var expected = $"\"first_name\":\"{customer["first_name"]!.GetValue<string>()}\"";
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Map_ShopifyCustomerFixture_MapsEmptyTagsAndOffsets()
    {
        var fixture = JsonNode.Parse(MappingTestData.ReadSample("platforms/02_shopify_customer_rest_fixture.json"));

        var body = MappingTestData.MapToJson("customer.updated", fixture!["customer"]!.ToJsonString());

        Assert.Equal(207119551, body["id"]!.GetValue<long>());
        Assert.Empty(body["tags"]!.AsArray());
        Assert.Equal("2015-05-27T18:11:24-04:00", body["created_at"]!.GetValue<string>());
        Assert.False(body["is_newsletter"]!.GetValue<bool>());
    }

    [Fact]
    public void Map_ShopifyCancelledOrderBeyondDoublePrecision_KeepsIdExact()
    {
        var order = JsonNode.Parse(
            MappingTestData.ReadSample("platforms/03_shopify_orders_create_test_webhook_cancelled.json"))!.AsObject();
        order["total"] = order["total_price"]!.DeepClone();

        var mapped = MappingTestData.Map("order.created", order.ToJsonString());

        var body = MappingTestData.BodyOf(mapped);
        Assert.Equal("order:820982911946154508", mapped.EntityKey);
        Assert.Equal("820982911946154508", body["id"]!.ToJsonString());
        Assert.Equal("2019-06-04T13:53:06-04:00", body["cancelled_at"]!.GetValue<string>());
        Assert.Null(body["processed_at"]);
        Assert.Equal("403.00", body["total"]!.GetValue<string>());
    }

    [Fact]
    public void Map_WooCommerceGuestOrder_OmitsCustomerAndUsesIdAsRef()
    {
        var orders = JsonNode.Parse(
            MappingTestData.ReadSample("platforms/06_woocommerce_orders_guest_and_refunds.json"))!.AsArray();

        var body = MappingTestData.MapToJson("order.created", orders[0]!.ToJsonString());

        Assert.False(body.ContainsKey("customer"));
        Assert.Equal("727", body["ref"]!.GetValue<string>());
        Assert.Equal("29.35", body["total"]!.GetValue<string>());
        Assert.Equal("0.00", body["amount_tax"]!.GetValue<string>());
        Assert.Null(body["email"]);
    }

    private static List<string> KeyOrder(JsonNode node)
    {
        var keys = new List<string>();
        Collect(node, string.Empty, keys);
        return keys;
    }

    private static void Collect(JsonNode node, string prefix, List<string> keys)
    {
        if (node.GetValueKind() != JsonValueKind.Object)
        {
            return;
        }

        foreach (var (name, value) in node.AsObject())
        {
            keys.Add(prefix + name);
            if (value is not null)
            {
                Collect(value, $"{prefix}{name}.", keys);
            }
        }
    }
}
