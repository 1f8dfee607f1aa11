using System.Text.Json.Nodes;

namespace Beans.Relay.Tests.Mapping;

public sealed class EventMapperCustomerTests
{
    [Theory]
    [InlineData("1847", "1847")]
    [InlineData("\"1847\"", "1847")]
    [InlineData("207119551", "207119551")]
    [InlineData("\"820982911946154508\"", "820982911946154508")]
    [InlineData("9007199254740993", "9007199254740993")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    public void Map_IdAsNumberOrDigitString_WritesExactJsonNumber(string raw, string expected)
    {
        var body = MappingTestData.MapToJson("customer.created", Customer("id", raw));

        Assert.Equal(expected, body["id"]!.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("\"-5\"")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"12a\"")]
    [InlineData("\"\"")]
    [InlineData("\" 12\"")]
    [InlineData("9223372036854775808")]
    [InlineData("\"99999999999999999999\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Map_InvalidId_IsRejectedNamingId(string? raw)
    {
        var exception = MappingTestData.Rejected(
            "customer.created", Customer("id", raw));

        Assert.Equal("id", exception.Field);
    }

    [Theory]
    [InlineData("[\"loyal\",\"paying\"]", new[] { "loyal", "paying" })]
    [InlineData("[\" loyal \",\"\",\"  \",\"paying\"]", new[] { "loyal", "paying" })]
    [InlineData("\"loyal, paying,,\"", new[] { "loyal", "paying" })]
    [InlineData("\"vip\"", new[] { "vip" })]
    [InlineData("\"\"", new string[0])]
    [InlineData("null", new string[0])]
    [InlineData(null, new string[0])]
    [InlineData("[]", new string[0])]
    [InlineData("[42,\"gold\",null]", new[] { "42", "gold" })]
    [InlineData("[\"Stammkunde\",\"café\"]", new[] { "Stammkunde", "café" })]
    public void Map_TagsInAnyAcceptedForm_WritesArrayOfStrings(string? raw, string[] expected)
    {
        var body = MappingTestData.MapToJson(
            "customer.created", Customer("tags", raw));

        Assert.Equal(expected, body["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));
    }

    [Theory]
    [InlineData("[{\"name\":\"vip\"}]", "tags[0]")]
    [InlineData("[\"ok\",true]", "tags[1]")]
    [InlineData("{\"vip\":true}", "tags")]
    [InlineData("7", "tags")]
    public void Map_TagsWithObjectsOrOtherKinds_IsRejected(string raw, string field)
    {
        var exception = MappingTestData.Rejected(
            "customer.created", Customer("tags", raw));

        Assert.Equal(field, exception.Field);
    }

    [Theory]
    [InlineData("\"\"", null)]
    [InlineData("\"   \"", null)]
    [InlineData("null", null)]
    [InlineData(null, null)]
    [InlineData("\" a@example.com \"", "a@example.com")]
    public void Map_EmptyOrMissingEmail_WritesNull(string? raw, string? expected)
    {
        var body = MappingTestData.MapToJson(
            "customer.created", Customer("email", raw));

        Assert.True(body.ContainsKey("email"));
        Assert.Equal(expected, body["email"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("first_name", null, null)]
    [InlineData("first_name", "null", null)]
    [InlineData("first_name", "\"José\"", "José")]
    [InlineData("first_name", "\"Fäke\"", "Fäke")]
    [InlineData("last_name", "\"Øster 山田 \\\"Q\\\"\"", "Øster 山田 \"Q\"")]
    [InlineData("last_name", "\"\"", "")]
    public void Map_TextFields_AreKeptAsWrittenOrNull(string name, string? raw, string? expected)
    {
        var body = MappingTestData.MapToJson(
            "customer.created", Customer(name, raw));

        Assert.True(body.ContainsKey(name));
        Assert.Equal(expected, body[name]?.GetValue<string>());
    }

    [Fact]
    public void Map_UnicodeName_IsWrittenUnescaped()
    {
        var json = Customer("first_name", "\"José Fäke\"");

        var mapped = MappingTestData.Map("customer.created", json);

        var text = System.Text.Encoding.UTF8.GetString(mapped.Body);
        Assert.Contains("\"first_name\":\"José Fäke\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first_name", "{}")]
    [InlineData("last_name", "[\"Doe\"]")]
    [InlineData("email", "true")]
    public void Map_TextFieldNotAString_IsRejectedNamingIt(string name, string raw)
    {
        var exception = MappingTestData.Rejected(
            "customer.created", Customer(name, raw));

        Assert.Equal(name, exception.Field);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("null", false)]
    [InlineData(null, false)]
    public void Map_FlagInAcceptedForm_WritesBoolean(string? raw, bool expected)
    {
        var body = MappingTestData.MapToJson(
            "customer.created", Customer("is_newsletter", raw));

        Assert.Equal(expected, body["is_newsletter"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("2")]
    [InlineData("1.0")]
    [InlineData("\"\"")]
    [InlineData("[]")]
    public void Map_FlagInOtherForm_IsRejectedNamingIt(string raw)
    {
        var exception = MappingTestData.Rejected(
            "customer.created", Customer("is_newsletter", raw));

        Assert.Equal("is_newsletter", exception.Field);
    }

    [Fact]
    public void Map_MinimalCustomer_WritesEveryFieldWithDefaults()
    {
        var body = MappingTestData.MapToJson("customer.created", "{\"id\":5,\"unknown\":{\"deep\":[1]}}");

        var expected = JsonNode.Parse("""
            {"id":5,"first_name":null,"last_name":null,"email":null,"is_newsletter":false,"tags":[],
             "created_at":null,"updated_at":null}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
    }

    private static string Customer(string path, string? raw) =>
        MappingTestData.With(MappingTestData.Customer, path, raw);
}
