using Beans.Relay.Delivery;

namespace Beans.Relay.Tests.Delivery;

public sealed class DeliveryOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new DeliveryOptions();

        var result = new DeliveryOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ScheduleWithAFirstDelay_FailsNamingTheKeyAndValue()
    {
        var options = new DeliveryOptions { RetrySchedule = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)] };

        var result = new DeliveryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Delivery:RetrySchedule:0", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("00:00:10", result.FailureMessage, StringComparison.Ordinal);
    }
}
