using System.Text.Encodings.Web;
using System.Text.Json;

namespace Beans.Relay.Mapping;

/// <summary>Writes the Beans payloads as compact UTF-8 JSON.</summary>
internal static class BeansJson
{
    // Names such as "José" reach Beans as written; the relaxed encoder still escapes quotes and
    // control characters, and the body is never embedded in HTML.
    private static readonly BeansJsonContext Context = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static byte[] Serialize(BeansCustomer customer) =>
        JsonSerializer.SerializeToUtf8Bytes(customer, Context.BeansCustomer);

    public static byte[] Serialize(BeansOrder order) =>
        JsonSerializer.SerializeToUtf8Bytes(order, Context.BeansOrder);
}
