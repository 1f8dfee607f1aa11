using System.Globalization;

namespace Beans.Relay.Operations;

/// <summary>Reads a <c>since</c> value: an ISO 8601 moment, or an age (<c>30m</c>, <c>2h</c>, <c>7d</c>).</summary>
public static class TimeFilter
{
    public static bool TryParseSince(string? text, DateTimeOffset now, out DateTimeOffset? since)
    {
        since = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        var unit = text[^1];
        if (char.IsLetter(unit)
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            && amount >= 0)
        {
            TimeSpan? age = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            since = now - age;
            return age is not null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            since = moment;
            return true;
        }

        return false;
    }
}
