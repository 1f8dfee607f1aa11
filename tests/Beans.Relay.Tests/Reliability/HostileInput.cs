using System.Text;

namespace Beans.Relay.Tests.Reliability;

/// <summary>Hostile messages made by mutating real samples, reproducibly from a seed.</summary>
public static class HostileInput
{
    /// <summary>One hostile message: its body, routing key and content type.</summary>
    public sealed record Message(string RoutingKey, byte[] Body, string? ContentType);

    private static readonly string[] RoutingKeys =
        ["customer.created", "customer.updated", "customer.deleted", "order.created", "order.updated", "order.deleted"];

    public static IEnumerable<Message> Generate(IReadOnlyList<string> samples, int count, int seed)
    {
        var random = new Random(seed);
        for (var index = 0; index < count; index++)
        {
            var sample = samples[random.Next(samples.Count)];
            var routingKey = RoutingKeys[random.Next(RoutingKeys.Length)];
            var (body, contentType) = Mutate(sample, random);
            yield return new Message(routingKey, body, contentType);
        }
    }

    private static (byte[] Body, string? ContentType) Mutate(string sample, Random random)
    {
        return random.Next(10) switch
        {
            0 => (Encoding.UTF8.GetBytes(sample[..random.Next(sample.Length)]), "application/json"),
            1 => (Encoding.UTF8.GetBytes(ReplaceValue(sample, random, WrongTypes)), "application/json"),
            2 => (Encoding.UTF8.GetBytes(ReplaceValue(sample, random, HugeNumbers)), "application/json"),
            3 => (Encoding.UTF8.GetBytes(Nest(random.Next(50, 5_000))), "application/json"),
            4 => (InvalidUtf8(sample, random), "application/json"),
            5 => (Encoding.UTF8.GetBytes(sample), null),
            6 => (Encoding.UTF8.GetBytes(GarbageEnvelope(random)), "application/vnd.masstransit+json"),
            7 => (Encoding.UTF8.GetBytes(ReplaceValue(sample, random, WrongTypes)), null),
            8 => (FlipBytes(sample, random), "application/json"),
            _ => (Encoding.UTF8.GetBytes(sample), "application/json"),
        };
    }

    private static readonly string[] WrongTypes =
        ["[]", "{}", "\"\"", "true", "null", "\"abc\"", "-1", "0", "1.5", "\"2022-13-45T99:99:99\"", "\"1,5\""];

    private static readonly string[] HugeNumbers =
        ["1e400", "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808", "\"99999999999999999999999999999.999\""];

    private static string ReplaceValue(string sample, Random random, string[] values)
    {
        var colons = Enumerable.Range(0, sample.Length).Where(i => sample[i] == ':').ToList();
        if (colons.Count == 0)
        {
            return sample;
        }

        var start = colons[random.Next(colons.Count)] + 1;
        var end = sample.IndexOfAny([',', '}', '\n'], start);
        end = end < 0 ? sample.Length : end;
        return string.Concat(sample.AsSpan(0, start), " ", values[random.Next(values.Length)], sample.AsSpan(end));
    }

    private static string Nest(int depth) => new string('[', depth) + new string(']', depth);

    private static byte[] InvalidUtf8(string sample, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(sample).ToList();
        var quote = bytes.IndexOf((byte)'"', random.Next(bytes.Count / 2));
        bytes.InsertRange(Math.Max(quote + 1, 1), [0xC3, 0x28, 0xFF, 0xFE]);
        return [.. bytes];
    }

    private static byte[] FlipBytes(string sample, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(sample);
        for (var flips = random.Next(1, 4); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static string GarbageEnvelope(Random random) => random.Next(3) switch
    {
        0 => """{"messageId": "not-a-guid", "messageType": ["urn:message:Nope:Nothing"], "message": "garbage"}""",
        1 => """{"messageType": ["urn:message:Beans.Relay.Contracts:OrderCreated"], "message": {"order": 42}}""",
        _ => "\u0001\u0002 not json at all",
    };
}
