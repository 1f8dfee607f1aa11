using Microsoft.Extensions.Options;

namespace Beans.Relay.Delivery;

/// <summary>Checks the <c>Beans</c> section; messages quote bad values but never the secret key.</summary>
internal sealed class BeansOptionsValidator : IValidateOptions<BeansOptions>
{
    public ValidateOptionsResult Validate(string? name, BeansOptions options)
    {
        List<string> failures = [];

        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            failures.Add("Beans:SecretKey is required (set it with the environment variable Beans__SecretKey).");
        }
        else if (options.SecretKey.Any(char.IsWhiteSpace))
        {
            failures.Add("Beans:SecretKey must not contain white space.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Beans:BaseUrl must be an absolute http(s) URL, not '{options.BaseUrl}'.");
        }
        else if (baseUrl.Scheme != Uri.UriSchemeHttps && !baseUrl.IsLoopback)
        {
            failures.Add($"Beans:BaseUrl must use https unless its host is loopback, not '{options.BaseUrl}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
