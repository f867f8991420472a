using System.CommandLine;

namespace KonektoSync.Host.Cli;

public static class DemoCommand
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("demo", "demo");
        cmd.SetAction((pr, ct) => Task.FromResult(Exit.Usage));
        return cmd;
    }
}
