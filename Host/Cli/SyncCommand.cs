using System.CommandLine;

namespace KonektoSync.Host.Cli;

public static class SyncCommand
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("sync", "sync");
        cmd.SetAction((pr, ct) => Task.FromResult(Exit.Usage));
        return cmd;
    }
}
