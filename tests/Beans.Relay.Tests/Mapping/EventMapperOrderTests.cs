using System.Text.Json.Nodes;

namespace Beans.Relay.Tests.Mapping;

public sealed class EventMapperOrderTests
{
    [Theory]
    [InlineData("53", "53.00")]
    [InlineData("\"53.00\"", "53.00")]
    [InlineData("\"5.0\"", "5.00")]
    [InlineData("\"42340.000000\"", "42340.00")]
    [InlineData("\"0.9\"", "0.90")]
    [InlineData("\"14319\"", "14319.00")]
    [InlineData("14319", "14319.00")]
    [InlineData("-9", "-9.00")]
    [InlineData("\"-12.5\"", "-12.50")]
    [InlineData("\"1.125\"", "1.13")]
    [InlineData("\"-1.125\"", "-1.13")]
    [InlineData("1.115", "1.12")]
    [InlineData("\"1.1149\"", "1.11")]
    [InlineData("\"-0.001\"", "0.00")]
    [InlineData("1e3", "1000.00")]
    [InlineData("0.1e1", "1.00")]
    [InlineData("\"99999999999999.995\"", "100000000000000.00")]
    [InlineData("\"0.00\"", "0.00")]
    public void Map_MoneyWithManyDecimals_WritesTwoDecimals(string raw, string expected)
    {
        var body = MappingTestData.MapToJson("order.created", Order("total", raw));

        Assert.Equal(expected, body["total"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("subtotal")]
    [InlineData("amount_shipping")]
    [InlineData("amount_giftcard")]
    [InlineData("amount_tax")]
    public void Map_OptionalMoneyMissingOrNull_WritesZero(string name)
    {
        var missing = MappingTestData.MapToJson("order.created", Order(name, null));
        var isNull = MappingTestData.MapToJson("order.created", Order(name, "null"));

        Assert.Equal("0.00", missing[name]!.GetValue<string>());
        Assert.Equal("0.00", isNull[name]!.GetValue<string>());
    }

    [Theory]
    [InlineData("total", null)]
    [InlineData("total", "null")]
    [InlineData("total", "\"abc\"")]
    [InlineData("total", "\"1,5\"")]
    [InlineData("total", "\"1,000.00\"")]
    [InlineData("total", "\"\"")]
    [InlineData("total", "\"1e3\"")]
    [InlineData("total", "true")]
    [InlineData("total", "{\"amount\":\"1.00\"}")]
    [InlineData("total", "1e400")]
    [InlineData("amount_tax", "\"abc\"")]
    [InlineData("subtotal", "[]")]
    [InlineData("amount_shipping", "\"$10\"")]
    [InlineData("customer.id", "\"abc\"")]
    [InlineData("customer.id", "-3")]
    [InlineData("customer.id", "2.5")]
    [InlineData("customer.created_at", "\"2022-13-01T00:00:00Z\"")]
    [InlineData("customer.tags", "[{}]")]
    public void Map_InvalidOrderField_IsRejectedNamingIt(string path, string? raw)
    {
        var exception = MappingTestData.Rejected("order.created", Order(path, raw));

        Assert.StartsWith(path, exception.Field, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("null", "is required")]
    [InlineData("\"\"", "is required")]
    [InlineData("\"US\"", "three-letter")]
    [InlineData("\"US$\"", "three-letter")]
    [InlineData("\"EURO\"", "three-letter")]
    [InlineData("840", "three-letter")]
    public void Map_OrderWithoutValidCurrency_IsRejectedNamingCurrency(string? raw, string reason)
    {
        var exception = MappingTestData.Rejected(
            "order.created", Order("currency", raw));

        Assert.Equal("currency", exception.Field);
        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"usd\"", "USD")]
    [InlineData("\" jpy \"", "JPY")]
    [InlineData("\"EUR\"", "EUR")]
    public void Map_Currency_IsUpperCased(string raw, string expected)
    {
        var body = MappingTestData.MapToJson(
            "order.created", Order("currency", raw));

        Assert.Equal(expected, body["currency"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "13207")]
    [InlineData("null", "13207")]
    [InlineData("\"\"", "13207")]
    [InlineData("1001", "1001")]
    [InlineData("\"#1001\"", "#1001")]
    public void Map_OrderRef_FallsBackToIdAndNumbersBecomeText(string? raw, string expected)
    {
        var body = MappingTestData.MapToJson("order.created", Order("ref", raw));

        Assert.Equal(expected, body["ref"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("450789469", "order:450789469")]
    [InlineData("\"820982911946154508\"", "order:820982911946154508")]
    public void Map_OrderId_BecomesEntityKeyAndNumber(string raw, string entityKey)
    {
        var mapped = MappingTestData.Map("order.created", Order("id", raw));

        Assert.Equal(entityKey, mapped.EntityKey);
        Assert.Equal(entityKey["order:".Length..], MappingTestData.BodyOf(mapped)["id"]!.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("{\"id\":0,\"email\":\"guest@example.com\"}")]
    [InlineData("{\"id\":null,\"first_name\":\"Guest\"}")]
    [InlineData("{\"first_name\":\"Guest\"}")]
    [InlineData("{\"id\":\"0\"}")]
    public void Map_GuestOrder_OmitsCustomer(string? raw)
    {
        var mapped = MappingTestData.Map("order.created", Order("customer", raw));

        var text = System.Text.Encoding.UTF8.GetString(mapped.Body);
        Assert.DoesNotContain("\"customer\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\"is_paid\":true}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1847\"")]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("true")]
    public void Map_CustomerNotAnObject_IsRejectedNamingCustomer(string raw)
    {
        var exception = MappingTestData.Rejected(
            "order.created", Order("customer", raw));

        Assert.Equal("customer", exception.Field);
        Assert.Contains("must be an object", exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_NestedCustomerWithStringId_WritesNumber()
    {
        var body = MappingTestData.MapToJson(
            "order.created", Order("customer.id", "\"9007199254740993\""));

        Assert.Equal("9007199254740993", body["customer"]!["id"]!.ToJsonString());
    }

    [Theory]
    [InlineData("is_fulfilled", "\"true\"", true)]
    [InlineData("is_refunded", "0", false)]
    [InlineData("is_paid", null, false)]
    [InlineData("is_paid", "null", false)]
    public void Map_OrderFlags_AcceptTheSameFormsAsCustomerFlags(string name, string? raw, bool expected)
    {
        var body = MappingTestData.MapToJson("order.created", Order(name, raw));

        Assert.Equal(expected, body[name]!.GetValue<bool>());
    }

    [Fact]
    public void Map_MinimalOrder_WritesEveryFieldWithDefaults()
    {
        var body = MappingTestData.MapToJson("order.updated", "{\"id\":727,\"currency\":\"usd\",\"total\":\"29.35\"}");

        var expected = JsonNode.Parse("""
            {"id":727,"currency":"USD","email":null,"ref":"727","total":"29.35","subtotal":"0.00",
             "amount_shipping":"0.00","amount_giftcard":"0.00","amount_tax":"0.00","cancelled_at":null,
             "processed_at":null,"is_fulfilled":false,"is_refunded":false,"is_paid":false}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    private static string Order(string path, string? raw) =>
        MappingTestData.With(MappingTestData.Order, path, raw);
}
