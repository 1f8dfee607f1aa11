using System.Text.RegularExpressions;

namespace Beans.Relay.Tests.Reliability;

/// <summary>
/// Finds interpolated C# strings that hold SQL (an upper-case SELECT, INSERT, UPDATE or DELETE, as
/// the relay writes its SQL) and reports each interpolation hole that is not a known constant.
/// </summary>
/// <remarks>
/// A hole is accepted when it names a <c>const string</c> declared in the same file (a compile-time
/// constant), or when it is one of <see cref="ReviewedFragments"/>: expressions that were read and
/// found to yield only literal SQL with <c>@parameters</c>. Everything else is reported, so a value
/// spliced into SQL text fails the test until it becomes a parameter (or is reviewed and listed).
/// What it does not see: SQL built with <c>+</c> or <c>string.Format</c> on non-interpolated strings,
/// and lower-case SQL. It is a tripwire for the common mistake, not a proof.
/// </remarks>
internal static partial class SqlTextScanner
{
    /// <summary>Expressions known to produce only constant SQL fragments, with where they are built.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReviewedFragments = new Dictionary<string, string>
    {
        // DeadLetterFilter.Where: literal conditions chosen by null checks; the values go in Parameters.
        ["filter.Where"] = "src/Beans.Relay/Outbox/DeadLetterFilter.cs",

        // OutboxStore.AttemptSql: a switch over AttemptResult whose arms are string literals.
        ["change"] = "src/Beans.Relay/Outbox/OutboxStore.cs",
    };

    public sealed record Finding(int Line, string Hole, string Text);

    /// <summary>The holes in SQL-holding interpolated strings of <paramref name="source"/> that are not known constants.</summary>
    public static IReadOnlyList<Finding> Scan(string source)
    {
        var constants = ConstantDeclaration().Matches(source).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        return [.. AllHoles(source).Where(finding => !constants.Contains(finding.Hole) && !ReviewedFragments.ContainsKey(finding.Hole))];
    }

    /// <summary>Every hole in the SQL-holding interpolated strings of <paramref name="source"/>, constants included.</summary>
    public static IReadOnlyList<Finding> AllHoles(string source)
    {
        List<Finding> findings = [];
        foreach (Match literal in InterpolatedLiteral().Matches(source))
        {
            var dollars = literal.Groups["dollars"].Value.Length;
            var text = literal.Groups["text"].Value;
            if (!SqlKeyword().IsMatch(text))
            {
                continue;
            }

            foreach (var hole in Holes(text, dollars))
            {
                var line = source.AsSpan(0, literal.Index).Count('\n') + 1;
                findings.Add(new Finding(line, hole, text.Trim()));
            }
        }

        return findings;
    }

    /// <summary>The expressions inside <c>{...}</c> (with as many braces as the literal has dollars), format and alignment cut off.</summary>
    private static IEnumerable<string> Holes(string text, int dollars)
    {
        var open = new string('{', dollars);
        var close = new string('}', dollars);
        var at = 0;
        while ((at = text.IndexOf(open, at, StringComparison.Ordinal)) >= 0)
        {
            if (dollars == 1 && at + 1 < text.Length && text[at + 1] == '{')
            {
                at += 2;
                continue;
            }

            var end = text.IndexOf(close, at + dollars, StringComparison.Ordinal);
            if (end < 0)
            {
                yield break;
            }

            var expression = text[(at + dollars)..end];
            var cut = expression.IndexOfAny([':', ',']);
            yield return (cut >= 0 ? expression[..cut] : expression).Trim();
            at = end + dollars;
        }
    }

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=")]
    private static partial Regex ConstantDeclaration();

    /// <summary>Raw (<c>$"""...""" </c>, <c>$$"""...""" </c>), verbatim (<c>$@"..."</c>) and regular (<c>$"..."</c>) interpolated literals.</summary>
    [GeneratedRegex(
        "(?<dollars>\\$+)\"\"\"(?<text>.*?)\"\"\"" +
        "|(?<dollars>\\$)(?:@\"|\"(?=[^\"]))(?<text>(?:[^\"\\\\\\n]|\\\\.|\"\")*)\"" +
        "|@(?<dollars>\\$)\"(?<text>(?:[^\"]|\"\")*)\"",
        RegexOptions.Singleline)]
    private static partial Regex InterpolatedLiteral();

    [GeneratedRegex(@"\b(SELECT|INSERT|UPDATE|DELETE)\b")]
    private static partial Regex SqlKeyword();
}
