using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Beans.Relay.Mapping;

/// <summary>
/// Reads ISO 8601 timestamps and writes them as <c>yyyy-MM-ddTHH:mm:ss±hh:mm</c>, fractions truncated.
/// A timestamp without an offset is shop-local time and gets the shop zone's offset at that moment.
/// </summary>
internal static partial class TimestampReader
{
    private const string Expected = "must be an ISO 8601 timestamp such as \"2022-02-06T12:49:47-05:00\"";
    private const string OutputFormat = "yyyy-MM-dd'T'HH:mm:sszzz";
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    public static string? Read(ShopObject source, string name, TimeZoneInfo shopZone)
    {
        if (source.Value(name) is not { } value)
        {
            return null;
        }

        var field = source.FieldPath(name);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var parsed = text is null ? null : TryParse(text, shopZone);
        return parsed?.ToString(OutputFormat, CultureInfo.InvariantCulture)
            ?? throw Rejections.Invalid(field, value, Expected);
    }

    private static DateTimeOffset? TryParse(string text, TimeZoneInfo shopZone)
    {
        var match = IsoTimestamp().Match(text.Trim());
        if (!match.Success || !TryGetLocal(match, out var local))
        {
            return null;
        }

        try
        {
            return WithOffset(local, match.Groups["offset"].Value, shopZone);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only at the very ends of the calendar, where the instant falls outside DateTimeOffset.
            return null;
        }
    }

    private static DateTimeOffset? WithOffset(DateTime local, string offsetText, TimeZoneInfo shopZone)
    {
        if (offsetText.Length == 0)
        {
            return ShopLocalTime.Resolve(local, shopZone);
        }

        return TryGetOffset(offsetText, out var offset) ? new DateTimeOffset(local, offset) : null;
    }

    private static bool TryGetLocal(Match match, out DateTime local) =>
        DateTime.TryParseExact(
            $"{match.Groups["date"].Value}T{match.Groups["time"].Value}",
            "yyyy-MM-dd'T'HH:mm:ss",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out local);

    private static bool TryGetOffset(string text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is "Z" or "z")
        {
            return true;
        }

        var digits = text.Replace(":", string.Empty, StringComparison.Ordinal);
        var hours = int.Parse(digits.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(digits.AsSpan(3, 2), CultureInfo.InvariantCulture);
        offset = new TimeSpan(hours, minutes, 0) * (text[0] == '-' ? -1 : 1);
        return minutes < 60 && offset.Duration() <= MaxOffset;
    }

    // Date and time as shops send them: 'T' or a space between, optional fraction, optional offset.
    // Every part has a bounded length and nothing nests, so matching is linear and needs no timeout
    // (a timeout would cost more than the match on every event).
    [GeneratedRegex(
        @"^(?<date>\d{4}-\d{2}-\d{2})[Tt ](?<time>\d{2}:\d{2}:\d{2})(?:\.\d{1,9})?"
            + @"(?<offset>[Zz]|[+-]\d{2}:?\d{2})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestamp();
}
