using System.Text.Json.Serialization;

namespace Beans.Relay.Mapping;

/// <summary>The body of Beans' order hook; amounts are strings with two decimals.</summary>
internal sealed record BeansOrder(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("ref")] string Ref,
    [property: JsonPropertyName("total")] string Total,
    [property: JsonPropertyName("subtotal")] string Subtotal,
    [property: JsonPropertyName("amount_shipping")] string AmountShipping,
    [property: JsonPropertyName("amount_giftcard")] string AmountGiftcard,
    [property: JsonPropertyName("amount_tax")] string AmountTax,
    [property: JsonPropertyName("cancelled_at")] string? CancelledAt,
    [property: JsonPropertyName("processed_at")] string? ProcessedAt,
    [property: JsonPropertyName("is_fulfilled")] bool IsFulfilled,
    [property: JsonPropertyName("is_refunded")] bool IsRefunded,
    [property: JsonPropertyName("is_paid")] bool IsPaid,
    [property: JsonPropertyName("customer")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    BeansCustomer? Customer);
