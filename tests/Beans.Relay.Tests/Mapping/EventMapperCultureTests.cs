using System.Globalization;

namespace Beans.Relay.Tests.Mapping;

public sealed class EventMapperCultureTests
{
    [Fact]
    public void Map_UnderGermanCulture_WritesInvariantMoneyAndDates()
    {
        var original = CultureInfo.CurrentCulture;
        var originalUi = CultureInfo.CurrentUICulture;
        var json = MappingTestData.With(MappingTestData.Order, "total", "\"1.125\"");
        json = MappingTestData.With(json, "processed_at", "\"2023-07-15T07:45:56\"");
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");

            var body = MappingTestData.MapToJson("order.created", json, "Europe/Berlin");

            Assert.Equal("1.13", body["total"]!.GetValue<string>());
            Assert.Equal("2023-07-15T07:45:56+02:00", body["processed_at"]!.GetValue<string>());
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
            CultureInfo.CurrentUICulture = originalUi;
        }
    }

    [Fact]
    public void Map_TimestampWithoutOffset_DoesNotDependOnMachineZone()
    {
        var json = MappingTestData.With(MappingTestData.Customer, "created_at", "\"2017-03-22T16:28:02\"");

        var body = MappingTestData.MapToJson("customer.created", json, "UTC");

        Assert.Equal("2017-03-22T16:28:02+00:00", body["created_at"]!.GetValue<string>());
    }
}
