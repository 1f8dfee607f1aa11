using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Reads text fields; a number is taken as its JSON text, any other non-string is rejected.</summary>
internal static class TextFieldReader
{
    public static string? Read(ShopObject source, string name) => source.Value(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        { } value => throw Rejections.Invalid(source.FieldPath(name), value, "must be a string"),
    };

    /// <summary>Reads an email address; an empty one means the shop has none.</summary>
    public static string? ReadEmail(ShopObject source, string name)
    {
        var email = Read(source, name)?.Trim();
        return string.IsNullOrEmpty(email) ? null : email;
    }
}
