namespace Beans.Relay.Contracts;

/// <summary>A shop order, in the fields Beans knows. Amounts are in the order's currency.</summary>
public sealed record Order
{
    public required long Id { get; init; }

    /// <summary>The ISO 4217 code, such as <c>USD</c>.</summary>
    public required string Currency { get; init; }

    public string? Email { get; init; }

    /// <summary>The reference shoppers see; the id when null.</summary>
    public string? Ref { get; init; }

    public decimal Total { get; init; }

    public decimal Subtotal { get; init; }

    public decimal AmountShipping { get; init; }

    public decimal AmountGiftcard { get; init; }

    public decimal AmountTax { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }

    public bool IsFulfilled { get; init; }

    public bool IsRefunded { get; init; }

    public bool IsPaid { get; init; }

    /// <summary>The customer who placed it; null for a guest order.</summary>
    public Customer? Customer { get; init; }
}
