using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>A JSON object of the shop event together with its path in the body, for rejection messages.</summary>
internal readonly record struct ShopObject(JsonElement Element, string Path)
{
    public string FieldPath(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    /// <summary>The value of a property; null when it is missing or JSON null, which the rules treat alike.</summary>
    public JsonElement? Value(string name) =>
        Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
