using System.CommandLine;

namespace KonektoSync.Host.Cli;

public static class PanelCommands
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("panel", "panel");
        cmd.SetAction((pr, ct) => Task.FromResult(Exit.Usage));
        return cmd;
    }
}
