using Microsoft.Extensions.Options;

namespace Beans.Relay.Outbox;

/// <summary>Checks the <c>Outbox</c> section.</summary>
internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        List<string> failures = [];

        if (string.IsNullOrWhiteSpace(options.DatabasePath)
            || options.DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Outbox:DatabasePath must be a file path, not '{options.DatabasePath}'.");
        }

        if (options.DeliveredRetention < TimeSpan.Zero)
        {
            failures.Add($"Outbox:DeliveredRetention must not be negative, not '{options.DeliveredRetention}'.");
        }

        if (options.MaxBatchSize is < 1 or > 10_000)
        {
            failures.Add($"Outbox:MaxBatchSize must be from 1 to 10000, not '{options.MaxBatchSize}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
