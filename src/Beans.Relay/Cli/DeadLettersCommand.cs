using System.CommandLine;

namespace Beans.Relay.Cli;

/// <summary><c>dead-letters</c>: list, show, replay and purge the events Beans never accepted.</summary>
internal static class DeadLettersCommand
{
    public static Command Create(Func<IReadOnlyList<string>, CliContext> context)
    {
        return new Command(
            "dead-letters",
            "Events the relay gave up on (Beans refused them, or the retry schedule ran out). Works on the same " +
            "SQLite file while the relay runs; a replay is picked up by the running relay within a second or two.")
        {
            DeadLettersListCommand.Create(context),
            DeadLettersShowCommand.Create(context),
            DeadLettersChangeCommand.CreateReplay(context),
            DeadLettersChangeCommand.CreatePurge(context),
        };
    }
}
