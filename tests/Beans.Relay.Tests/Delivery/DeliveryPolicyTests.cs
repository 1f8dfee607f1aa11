using Beans.Relay.Delivery;

namespace Beans.Relay.Tests.Delivery;

public sealed class DeliveryPolicyTests
{
    [Theory]
    [InlineData(200, DeliveryVerdict.Delivered)]
    [InlineData(202, DeliveryVerdict.Delivered)]
    [InlineData(204, DeliveryVerdict.Delivered)]
    [InlineData(409, DeliveryVerdict.Delivered)]
    [InlineData(408, DeliveryVerdict.Retryable)]
    [InlineData(425, DeliveryVerdict.Retryable)]
    [InlineData(429, DeliveryVerdict.Retryable)]
    [InlineData(500, DeliveryVerdict.Retryable)]
    [InlineData(502, DeliveryVerdict.Retryable)]
    [InlineData(503, DeliveryVerdict.Retryable)]
    [InlineData(504, DeliveryVerdict.Retryable)]
    [InlineData(null, DeliveryVerdict.Retryable)]
    [InlineData(401, DeliveryVerdict.KeyRejected)]
    [InlineData(403, DeliveryVerdict.KeyRejected)]
    [InlineData(400, DeliveryVerdict.Permanent)]
    [InlineData(404, DeliveryVerdict.Permanent)]
    [InlineData(410, DeliveryVerdict.Permanent)]
    [InlineData(413, DeliveryVerdict.Permanent)]
    [InlineData(422, DeliveryVerdict.Permanent)]
    [InlineData(301, DeliveryVerdict.Permanent)]
    public void Judge_Status_FollowsTheStatusRules(int? status, DeliveryVerdict expected)
    {
        var verdict = DeliveryPolicy.Judge(status);

        Assert.Equal(expected, verdict);
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(0.5, 1.0)]
    [InlineData(1.0, 1.2)]
    public void NextDelay_DefaultSchedule_IsEachStepWithinTwentyPercent(double random, double factor)
    {
        var policy = new DeliveryPolicy(
            DeliveryOptions.DefaultRetrySchedule, DeliveryOptions.DefaultJitter, () => random);

        var delays = Enumerable.Range(1, 9).Select(made => policy.NextDelay(made, null)!.Value).ToList();

        var expected = DeliveryOptions.DefaultRetrySchedule.Skip(1).Select(step => step * factor).ToList();
        Assert.Equal(expected.Select(Rounded), delays.Select(Rounded));
        Assert.Equal(10, policy.MaxAttempts);
    }

    [Fact]
    public void NextDelay_AfterTheLastAttempt_IsNullForADeadLetter()
    {
        var policy = new DeliveryPolicy(DeliveryOptions.DefaultRetrySchedule, DeliveryOptions.DefaultJitter, () => 0.5);

        var delay = policy.NextDelay(10, TimeSpan.FromSeconds(1));

        Assert.Null(delay);
    }

    [Fact]
    public void NextDelay_RetryAfterLaterThanTheStep_WinsUpToTheLongestStep()
    {
        var policy = new DeliveryPolicy(DeliveryOptions.DefaultRetrySchedule, DeliveryOptions.DefaultJitter, () => 0.5);

        var shorter = policy.NextDelay(1, TimeSpan.FromSeconds(2));
        var later = policy.NextDelay(1, TimeSpan.FromSeconds(90));
        var huge = policy.NextDelay(1, TimeSpan.FromDays(3));

        Assert.Equal(TimeSpan.FromSeconds(5), shorter);
        Assert.Equal(TimeSpan.FromSeconds(90), later);
        Assert.Equal(TimeSpan.FromHours(12), huge);
    }

    private static long Rounded(TimeSpan value) => (long)Math.Round(value.TotalMilliseconds);
}
