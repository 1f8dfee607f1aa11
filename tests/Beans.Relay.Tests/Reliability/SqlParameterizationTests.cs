using Beans.Relay.Tests.Infrastructure;

namespace Beans.Relay.Tests.Reliability;

/// <summary>Values reach SQLite as parameters, never spliced into SQL text.</summary>
public sealed class SqlParameterizationTests
{
    [Fact]
    public void Sources_InterpolatedSql_SplicesOnlyConstantsAndReviewedFragments()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RelayProcess.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();

        var findings = sources
            .SelectMany(path => SqlTextScanner.Scan(File.ReadAllText(path))
                .Select(finding => $"{Path.GetRelativePath(RelayProcess.RepositoryRoot, path)}:{finding.Line}: {{{finding.Hole}}} in \"{finding.Text}\""))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.True(findings.Count == 0, "SQL text built from values; use @parameters:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void ReviewedFragments_EachStillSplicedWhereItWasReviewed_SoTheListDoesNotGoStale()
    {
        var missing = SqlTextScanner.ReviewedFragments
            .Where(pair => !Directory.EnumerateFiles(Path.Combine(RelayProcess.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
                .Any(path => SqlTextScanner.AllHoles(File.ReadAllText(path)).Any(finding => finding.Hole == pair.Key)))
            .Select(pair => $"{pair.Key} ({pair.Value})")
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("var sql = $\"SELECT * FROM outbox WHERE event_id = '{eventId}'\";", "eventId")]
    [InlineData("var sql = $@\"DELETE FROM outbox WHERE id = {id}\";", "id")]
    [InlineData("var sql = $\"\"\"\n    UPDATE outbox SET last_error = '{error}'\n    \"\"\";", "error")]
    [InlineData("var sql = $$\"\"\"\n    INSERT INTO outbox (body) VALUES ('{{body.Trim()}}')\n    \"\"\";", "body.Trim()")]
    [InlineData("var sql = $\"SELECT * FROM outbox LIMIT {limit:D}\";", "limit")]
    public void Scan_ValueInterpolatedIntoSql_IsReported(string code, string hole)
    {
        var findings = SqlTextScanner.Scan(code);

        Assert.Equal(hole, Assert.Single(findings).Hole);
    }

    [Theory]
    [InlineData("const string Columns = \"id, body\";\nvar sql = $\"SELECT {Columns} FROM outbox WHERE id = @Id\";")]
    [InlineData("var sql = $\"SELECT COUNT(*) FROM outbox WHERE {filter.Where}\";")]
    [InlineData("var message = $\"Deleted {count} rows\";")]
    [InlineData("var sql = \"SELECT * FROM outbox WHERE id = @Id\";")]
    [InlineData("var json = $\"{{\\\"SELECT\\\": 1}}\";")]
    public void Scan_ConstantsParametersOrNoSql_IsNotReported(string code)
    {
        var findings = SqlTextScanner.Scan(code);

        Assert.Empty(findings);
    }
}
