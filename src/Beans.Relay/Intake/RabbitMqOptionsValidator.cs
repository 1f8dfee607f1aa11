using Microsoft.Extensions.Options;

namespace Beans.Relay.Intake;

/// <summary>Checks the <c>RabbitMq</c> section; a URL is quoted without its password.</summary>
internal sealed class RabbitMqOptionsValidator : IValidateOptions<RabbitMqOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        List<string> failures = [];

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("amqp" or "amqps"))
        {
            failures.Add($"RabbitMq:Url must be an amqp:// or amqps:// URL, not '{Redact(options.Url)}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Exchange))
        {
            failures.Add("RabbitMq:Exchange is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Queue))
        {
            failures.Add("RabbitMq:Queue is required.");
        }

        foreach (var binding in options.Bindings.Where(binding => !IsEntityPattern(binding)))
        {
            failures.Add(
                "RabbitMq:Bindings must hold patterns of customer or order events "
                + $"(customer.#, order.#, order.created...), not '{binding}'.");
        }

        if (options.PrefetchCount is < 1 or > 65_535)
        {
            failures.Add($"RabbitMq:PrefetchCount must be from 1 to 65535, not '{options.PrefetchCount}'.");
        }

        if (options.MaxMessageBytes < 1)
        {
            failures.Add($"RabbitMq:MaxMessageBytes must be positive, not '{options.MaxMessageBytes}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsEntityPattern(string binding) =>
        binding.StartsWith("customer.", StringComparison.Ordinal)
        || binding.StartsWith("order.", StringComparison.Ordinal);

    /// <summary>The URL with any password replaced, fit for messages and logs.</summary>
    internal static string Redact(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || !parsed.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            return url ?? string.Empty;
        }

        var user = parsed.UserInfo.Split(':', 2)[0];
        return new UriBuilder(parsed) { UserName = user, Password = "***" }.Uri.ToString();
    }
}
