namespace Beans.Relay.Contracts;

/// <summary>A shop customer, in the fields Beans knows.</summary>
public sealed record Customer
{
    public required long Id { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    public bool IsNewsletter { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
