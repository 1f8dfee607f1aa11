using System.Text;
using System.Text.Json.Nodes;
using Beans.Relay.Mapping;

namespace Beans.Relay.Tests.Mapping;

/// <summary>Small Beans-shaped events, a way to change one field, and access to the shared samples.</summary>
internal static class MappingTestData
{
    public const string Customer = """
        {"id":1847,"first_name":"John","last_name":"Doe","email":"john.doe@example.com",
         "is_newsletter":true,"tags":["loyal","paying"],
         "created_at":"2020-02-06T12:49:47-05:00","updated_at":"2022-02-06T12:49:47-05:00"}
        """;

    public const string Order = """
        {"id":13207,"currency":"USD","email":"john.doe@example.com","ref":"13207","total":"53.00",
         "subtotal":"33.00","amount_shipping":"20.00","amount_giftcard":"0.00","amount_tax":"0.00",
         "cancelled_at":null,"processed_at":"2022-02-06T12:49:47-05:00","is_fulfilled":false,
         "is_refunded":true,"is_paid":true,"customer":
         {"id":1847,"first_name":"John","last_name":"Doe","email":"john.doe@example.com",
          "is_newsletter":true,"tags":["loyal","paying"],
          "created_at":"2020-02-06T12:49:47-05:00","updated_at":"2022-02-06T12:49:47-05:00"}}
        """;

    public static EventMapper CreateSut(string zone = "UTC") => new(TimeZoneInfo.FindSystemTimeZoneById(zone));

    public static MappedEvent Map(string routingKey, string json, string zone = "UTC") =>
        CreateSut(zone).Map(routingKey, Encoding.UTF8.GetBytes(json));

    public static JsonObject MapToJson(string routingKey, string json, string zone = "UTC") =>
        BodyOf(Map(routingKey, json, zone));

    public static JsonObject BodyOf(MappedEvent mapped) => JsonNode.Parse(mapped.Body)!.AsObject();

    /// <summary>The event with one field (a dotted path) set to raw JSON, or removed when the JSON is null.</summary>
    public static string With(string json, string path, string? rawValue)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(root, (node, name) => node[name]!.AsObject());
        parent.Remove(names[^1]);
        if (rawValue is not null)
        {
            parent[names[^1]] = JsonNode.Parse(rawValue);
        }

        return root.ToJsonString();
    }

    public static EventRejectedException Rejected(string routingKey, string json, string zone = "UTC") =>
        Assert.Throws<EventRejectedException>(() => Map(routingKey, json, zone));

    /// <summary>The shared samples live in a folder beside the repository, which may not be checked out.</summary>
    public static string SamplesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Skip($"../shared/samples not found: searched upwards from {AppContext.BaseDirectory}");
        return string.Empty;
    }

    public static string ReadSample(string relativePath) =>
        File.ReadAllText(Path.Combine(SamplesDirectory(), relativePath));
}
