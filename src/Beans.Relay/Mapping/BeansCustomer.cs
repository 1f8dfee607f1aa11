using System.Text.Json.Serialization;

namespace Beans.Relay.Mapping;

/// <summary>The customer body of Beans' customer hooks, and the nested customer of an order.</summary>
internal sealed record BeansCustomer(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("is_newsletter")] bool IsNewsletter,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("created_at")] string? CreatedAt,
    [property: JsonPropertyName("updated_at")] string? UpdatedAt);
