namespace Beans.Relay.Intake;

/// <summary>
/// The message type the relay's queue consumes: it carries nothing itself, because the relay reads
/// the raw body, so that malformed JSON reaches the mapping stage and is rejected with a reason.
/// </summary>
public sealed record ShopEventMessage;
