namespace Beans.Relay.Tests.Infrastructure;

/// <summary>What one run of a command returned and printed.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);
