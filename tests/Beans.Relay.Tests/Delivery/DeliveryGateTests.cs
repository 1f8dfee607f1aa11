using Beans.Relay.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace Beans.Relay.Tests.Delivery;

public sealed class DeliveryGateTests
{
    private const int Max = 8;

    [Fact]
    public void AllowedConcurrency_RetryableFailuresInARow_DropsToOneProbeUntilASuccess()
    {
        var gate = new DeliveryGate(new FakeTimeProvider());

        for (var failure = 1; failure < DeliveryGate.FailuresBeforeProbing; failure++)
        {
            gate.Record(DeliveryVerdict.Retryable);
        }

        var beforeThreshold = gate.AllowedConcurrency(Max);
        gate.Record(DeliveryVerdict.Retryable);
        var probing = gate.AllowedConcurrency(Max);
        gate.Record(DeliveryVerdict.Delivered);
        var recovered = gate.AllowedConcurrency(Max);

        Assert.Equal(Max, beforeThreshold);
        Assert.Equal(1, probing);
        Assert.Equal(Max, recovered);
    }

    [Fact]
    public void Record_KeyRejected_PausesAndProbesWithBackoffFromThirtySecondsToFiveMinutes()
    {
        var clock = new FakeTimeProvider();
        var gate = new DeliveryGate(clock);
        List<TimeSpan> waits = [];

        var pausedFirst = gate.Record(DeliveryVerdict.KeyRejected);
        var stillPaused = gate.AllowedConcurrency(Max);
        for (var probe = 0; probe < 6; probe++)
        {
            var wait = gate.NextProbeAt!.Value - clock.GetUtcNow();
            waits.Add(wait);
            clock.Advance(wait);
            Assert.Equal(1, gate.AllowedConcurrency(Max));
            Assert.False(gate.Record(DeliveryVerdict.KeyRejected));
        }

        gate.Record(DeliveryVerdict.Delivered);

        Assert.True(pausedFirst);
        Assert.Equal(0, stillPaused);
        Assert.Equal([30, 60, 120, 240, 300, 300], waits.Select(wait => wait.TotalSeconds));
        Assert.False(gate.IsPaused);
        Assert.Equal(Max, gate.AllowedConcurrency(Max));
    }

    [Fact]
    public void Record_KeyRejectedForARequestSentBeforeThePause_DoesNotMoveTheProbe()
    {
        var clock = new FakeTimeProvider();
        var gate = new DeliveryGate(clock);
        gate.Record(DeliveryVerdict.KeyRejected);
        var probeAt = gate.NextProbeAt;

        clock.Advance(TimeSpan.FromSeconds(1));
        var pausedAgain = gate.Record(DeliveryVerdict.KeyRejected);

        Assert.False(pausedAgain);
        Assert.Equal(probeAt, gate.NextProbeAt);
    }
}
