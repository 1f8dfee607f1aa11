using System.Text;

namespace Beans.Relay.Delivery;

/// <summary>
/// Removes the secret key, in every form it travels in, from text the relay keeps or shows: a
/// server may echo the request's Authorization header in its error body or a redirect's address.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "[redacted]";

    private readonly string[] _forms;

    public SecretRedactor(string secretKey)
    {
        _forms = secretKey.Length < 4
            ? []
            : new[]
            {
                Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + secretKey)),
                Convert.ToBase64String(Encoding.UTF8.GetBytes(secretKey + ":")),
                Convert.ToBase64String(Encoding.UTF8.GetBytes(secretKey)),
                Uri.EscapeDataString(secretKey),
                secretKey,
            }.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The longest form of the key, so that a reader can read this far past a cut.</summary>
    public int LongestForm => _forms.Length == 0 ? 0 : _forms.Max(form => form.Length);

    public string? Redact(string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var form in _forms)
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
