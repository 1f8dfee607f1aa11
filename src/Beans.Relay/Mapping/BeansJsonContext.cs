using System.Text.Json.Serialization;

namespace Beans.Relay.Mapping;

/// <summary>Source-generated serialization of the Beans payloads: compact, nulls written.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BeansCustomer))]
[JsonSerializable(typeof(BeansOrder))]
internal sealed partial class BeansJsonContext : JsonSerializerContext;
