using System.CommandLine;

namespace KonektoSync.Host.Cli;

public static class FilesCommands
{
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var cmd = new Command("files", "files");
        cmd.SetAction((pr, ct) => Task.FromResult(Exit.Usage));
        return cmd;
    }
}
