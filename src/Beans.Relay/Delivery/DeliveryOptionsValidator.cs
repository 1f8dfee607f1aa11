using Microsoft.Extensions.Options;

namespace Beans.Relay.Delivery;

/// <summary>Checks the <c>Delivery</c> section.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        List<string> failures = [];

        var negative = options.RetrySchedule.FindIndex(delay => delay < TimeSpan.Zero);
        if (negative >= 0)
        {
            failures.Add(
                $"Delivery:RetrySchedule:{negative} must not be negative, not '{options.RetrySchedule[negative]}'.");
        }

        if (options.RetrySchedule.Count > 0 && options.RetrySchedule[0] != TimeSpan.Zero)
        {
            // A new event is always tried as soon as it is stored; a first delay would silently do nothing.
            failures.Add(
                "Delivery:RetrySchedule:0 must be 00:00:00 (a new event is tried at once), "
                + $"not '{options.RetrySchedule[0]}'.");
        }

        if (options.Jitter is < 0 or >= 1)
        {
            failures.Add($"Delivery:Jitter must be at least 0 and below 1, not '{options.Jitter}'.");
        }

        RequirePositive(failures, "Delivery:AttemptTimeout", options.AttemptTimeout);
        RequirePositive(failures, "Delivery:ConnectTimeout", options.ConnectTimeout);
        if (options.ShutdownTimeout < TimeSpan.Zero)
        {
            failures.Add($"Delivery:ShutdownTimeout must not be negative, not '{options.ShutdownTimeout}'.");
        }

        if (options.MaxConcurrency is < 1 or > 256)
        {
            failures.Add($"Delivery:MaxConcurrency must be from 1 to 256, not '{options.MaxConcurrency}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be positive, not '{value}'.");
        }
    }
}
