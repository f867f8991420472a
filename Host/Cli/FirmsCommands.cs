using System.CommandLine;

namespace KonektoSync.Host.Cli;

public static class FirmsCommands
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("firms", "firms");
        cmd.SetAction((pr, ct) => Task.FromResult(Exit.Usage));
        return cmd;
    }
}
