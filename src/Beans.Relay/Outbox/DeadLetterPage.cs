namespace Beans.Relay.Outbox;

/// <summary>One page of dead letters, oldest id first.</summary>
/// <param name="Items">The rows of this page.</param>
/// <param name="NextAfter">The id to pass as <c>after</c> for the next page, or null on the last one.</param>
public sealed record DeadLetterPage(IReadOnlyList<OutboxRow> Items, long? NextAfter);
