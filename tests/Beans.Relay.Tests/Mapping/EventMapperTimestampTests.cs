namespace Beans.Relay.Tests.Mapping;

public sealed class EventMapperTimestampTests
{
    [Theory]
    [InlineData("2022-02-06T12:49:47-05:00", "2022-02-06T12:49:47-05:00")]
    [InlineData("2022-02-06T12:49:47Z", "2022-02-06T12:49:47+00:00")]
    [InlineData("2022-02-06T12:49:47z", "2022-02-06T12:49:47+00:00")]
    [InlineData("2022-02-06T12:49:47.987654Z", "2022-02-06T12:49:47+00:00")]
    [InlineData("2022-02-06T12:49:47.9+05:30", "2022-02-06T12:49:47+05:30")]
    [InlineData("2022-02-06 12:49:47+0200", "2022-02-06T12:49:47+02:00")]
    [InlineData("2015-05-27T18:11:24-04:00", "2015-05-27T18:11:24-04:00")]
    [InlineData("2022-02-06T12:49:47+14:00", "2022-02-06T12:49:47+14:00")]
    public void Map_TimestampWithOffset_KeepsInstantAndOffset(string input, string expected)
    {
        var body = MappingTestData.MapToJson(
            "customer.created", Customer("created_at", $"\"{input}\""), "Europe/Berlin");

        Assert.Equal(expected, body["created_at"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Europe/Berlin", "2017-03-22T16:28:02", "2017-03-22T16:28:02+01:00")]
    [InlineData("Europe/Berlin", "2022-02-06 12:49:47", "2022-02-06T12:49:47+01:00")]
    [InlineData("Europe/Berlin", "2023-07-15T07:45:56", "2023-07-15T07:45:56+02:00")]
    [InlineData("Europe/Berlin", "2023-07-15T07:45:56.123456", "2023-07-15T07:45:56+02:00")]
    [InlineData("America/New_York", "2017-03-21T16:16:00", "2017-03-21T16:16:00-04:00")]
    [InlineData("America/New_York", "2017-01-21T16:16:00", "2017-01-21T16:16:00-05:00")]
    [InlineData("UTC", "2017-03-22T19:28:02", "2017-03-22T19:28:02+00:00")]
    [InlineData("Asia/Kolkata", "2023-08-16T07:45:57", "2023-08-16T07:45:57+05:30")]
    public void Map_TimestampWithoutOffset_IsShopLocalTime(string zone, string input, string expected)
    {
        var body = MappingTestData.MapToJson("customer.created", Customer("updated_at", $"\"{input}\""), zone);

        Assert.Equal(expected, body["updated_at"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Europe/Berlin", "2024-10-27T02:30:00", "2024-10-27T02:30:00+01:00")]
    [InlineData("America/New_York", "2024-11-03T01:30:00", "2024-11-03T01:30:00-05:00")]
    public void Map_AmbiguousLocalTime_TakesLaterStandardTimeInstant(string zone, string input, string expected)
    {
        var body = MappingTestData.MapToJson("customer.created", Customer("created_at", $"\"{input}\""), zone);

        Assert.Equal(expected, body["created_at"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Europe/Berlin", "2024-03-31T02:30:00", "2024-03-31T03:30:00+02:00")]
    [InlineData("America/New_York", "2024-03-10T02:15:10", "2024-03-10T03:15:10-04:00")]
    public void Map_SkippedLocalTime_IsShiftedForwardByTheGap(string zone, string input, string expected)
    {
        var body = MappingTestData.MapToJson("customer.created", Customer("created_at", $"\"{input}\""), zone);

        Assert.Equal(expected, body["created_at"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void Map_MissingOrNullTimestamp_StaysNull(string? raw)
    {
        var body = MappingTestData.MapToJson("order.created", Order("cancelled_at", raw));

        Assert.True(body.ContainsKey("cancelled_at"));
        Assert.Null(body["cancelled_at"]);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("\"2022-02-06\"")]
    [InlineData("\"2022-02-30T10:00:00Z\"")]
    [InlineData("\"2022-02-06T25:00:00Z\"")]
    [InlineData("\"2022-02-06T12:49:47+15:00\"")]
    [InlineData("\"2022-02-06T12:49:47+01:75\"")]
    [InlineData("\"06/02/2022 12:49:47\"")]
    [InlineData("\"0001-01-01T00:00:00+01:00\"")]
    [InlineData("1644151787")]
    [InlineData("{}")]
    public void Map_UnparseableTimestamp_IsRejectedNamingIt(string raw)
    {
        var exception = MappingTestData.Rejected("order.created", Order("processed_at", raw));

        Assert.Equal("processed_at", exception.Field);
    }

    private static string Customer(string name, string? raw) =>
        MappingTestData.With(MappingTestData.Customer, name, raw);

    private static string Order(string name, string? raw) =>
        MappingTestData.With(MappingTestData.Order, name, raw);
}
