namespace Beans.Relay.Tests.Infrastructure;

/// <summary>Finds <c>../shared/samples</c> beside the repository; tests skip when it is absent.</summary>
public static class SharedSamples
{
    private static readonly Lazy<string?> Folder = new(Find);

    /// <summary>The full path of a file under <c>shared/samples</c>, or skips the test.</summary>
    public static string Require(string relativePath)
    {
        if (Folder.Value is null)
        {
            Assert.Skip("../shared/samples not found beside the repository; these tests need it.");
        }

        return Path.Combine(Folder.Value, relativePath);
    }

    public static string ReadText(string relativePath) => File.ReadAllText(Require(relativePath));

    private static string? Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
