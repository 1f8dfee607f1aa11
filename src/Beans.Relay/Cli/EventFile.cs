namespace Beans.Relay.Cli;

/// <summary>Reads an event body from a file, or from standard input for <c>-</c>.</summary>
internal static class EventFile
{
    public static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            using var buffer = new MemoryStream();
            await Console.OpenStandardInput().CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }
}
