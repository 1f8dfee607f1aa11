namespace Beans.Relay.Intake;

/// <summary>AMQP topic matching: <c>*</c> stands for one dot-separated word, <c>#</c> for zero or more.</summary>
public static class TopicPattern
{
    public static bool Matches(string pattern, string routingKey) =>
        Matches(pattern.Split('.'), 0, routingKey.Split('.'), 0);

    private static bool Matches(string[] pattern, int p, string[] key, int k)
    {
        if (p == pattern.Length)
        {
            return k == key.Length;
        }

        if (pattern[p] == "#")
        {
            for (var skip = k; skip <= key.Length; skip++)
            {
                if (Matches(pattern, p + 1, key, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return k < key.Length
            && (pattern[p] == "*" || string.Equals(pattern[p], key[k], StringComparison.Ordinal))
            && Matches(pattern, p + 1, key, k + 1);
    }
}
