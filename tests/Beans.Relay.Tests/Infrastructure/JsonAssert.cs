using System.Text.Json.Nodes;

namespace Beans.Relay.Tests.Infrastructure;

public static class JsonAssert
{
    /// <summary>Asserts two JSON texts hold the same value (key order aside).</summary>
    public static void Equivalent(string expected, string actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actualNode),
            $"JSON differs.\nExpected: {expectedNode?.ToJsonString()}\nActual:   {actualNode?.ToJsonString()}");
    }
}
