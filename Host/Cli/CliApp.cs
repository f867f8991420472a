using System.CommandLine;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Sync;
using KonektoSync.Host.Texts;


namespace KonektoSync.Host.Cli;

/// <summary>The options every command takes.</summary>
public static class Global
{
    public static readonly Option<string?> DataDirOption = new("--data-dir")
        { Description = "Folder of konektosync.json, konektosync.db and panel.db", Recursive = true };
    public static readonly Option<bool> JsonOption = new("--json")
        { Description = "Write the result as JSON", Recursive = true };
    public static readonly Option<string?> LangOption = new("--lang")
        { Description = "Language of messages: pl or en", Recursive = true };
}

/// <summary>What a command's action gets: the data folder, the output, the clock.</summary>
public sealed record CliContext(DataDir Dir, Output Out, TimeProvider Clock, CancellationToken Cancel)
{
    public LanguageExt.Either<Problem, AppConfig> LoadConfig() => ConfigStore.Load(Dir);

    /// <summary>The configuration, or the usage exit code after saying what is wrong.</summary>
    public bool TryConfig(out AppConfig config, out int exit)
    {
        var loaded = LoadConfig();
        config = loaded.IfLeft(new AppConfig());
        exit = loaded.Match(Right: _ => Exit.Ok, Left: p => Out.Fail(p));
        return loaded.IsRight;
    }
}

public static class CliApp
{
    public static RootCommand Build(TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var root = new RootCommand("konektosync: reads Polish accounting programs and loads the office panel");
        root.Options.Add(Global.DataDirOption);
        root.Options.Add(Global.JsonOption);
        root.Options.Add(Global.LangOption);
        Func<ParseResult, CancellationToken, CliContext> ctx = (pr, ct) =>
        {
            Texts.Texts.UseLanguage(pr.GetValue(Global.LangOption));
            return new CliContext(DataDir.Resolve(pr.GetValue(Global.DataDirOption)),
                new Output(stdout, stderr, pr.GetValue(Global.JsonOption)), clock, ct);
        };
        root.Subcommands.Add(InitCommand.Build(ctx));
        root.Subcommands.Add(ProgramsCommands.Build(ctx));
        root.Subcommands.Add(FirmsCommands.Build(ctx));
        root.Subcommands.Add(SyncCommand.Build(ctx));
        root.Subcommands.Add(PanelCommands.Build(ctx));
        root.Subcommands.Add(LogCommand.Build(ctx));
        root.Subcommands.Add(SettingsCommands.Build(ctx));
        root.Subcommands.Add(SettingsCommands.BuildConfig(ctx));
        root.Subcommands.Add(DemoCommand.Build(ctx));
        root.Subcommands.Add(FilesCommands.Build(ctx));
        return root;
    }

    public static async Task<int> Run(string[] args, TextWriter stdout, TextWriter stderr,
        TimeProvider clock, CancellationToken cancel)
    {
        var root = Build(stdout, stderr, clock);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) stderr.WriteLine(e.Message);
            stderr.WriteLine(Texts.Texts.Get("usage.help"));
            return Exit.Usage;
        }
        // Ctrl+C is handled by the caller's token (Program.cs): the sync stops between groups, never killed mid-group
        var config = new InvocationConfiguration
            { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        var dir = DataDir.Resolve(parsed.GetValue(Global.DataDirOption));
        try
        {
            Texts.Texts.UseLanguage(parsed.GetValue(Global.LangOption));
            var opened = dir.Tighten();
            if (opened.Count > 0) stderr.WriteLine(Texts.Texts.Get("datadir.tightened", dir.Path, opened.Count));
            return await parsed.InvokeAsync(config, cancel);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancel.IsCancellationRequested))
        {
            // the last line of defence: a fault no command turned into a value is one message, never a stack trace
            var fault = SyncFaults.Describe(e, DataDir.Resolve(parsed.GetValue(Global.DataDirOption)).LogDir);
            stderr.WriteLine(Texts.Texts.Get("error.prefix") + Texts.Texts.Of(fault));
            stderr.WriteLine($"{Texts.Texts.Get("word.remedy")}: {Texts.Texts.Remedy(fault)}");
            return Exit.SomeFailed;
        }
        finally
        {
            // what this command created (SQLite's journal files, log files) is closed to others too
            dir.Tighten();
        }
    }
}
