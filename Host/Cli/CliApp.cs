using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
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
    public static readonly Option<string?> LangOption = LangWithCheck();

    private static Option<string?> LangWithCheck()
    {
        var lang = new Option<string?>("--lang") { Description = "Language of messages: pl or en (pl_PL.UTF-8 and en_US.UTF-8 too)", Recursive = true };
        lang.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } v && Language(v) is null)
                r.AddError(Texts.Texts.Get("msg.lang.unknown", v));
        });
        return lang;
    }

    /// <summary>
    /// The language of a --lang value or a locale name (pl, pl-PL, pl_PL.UTF-8, en, en_US.UTF-8):
    /// "pl" or "en", or null for any other.
    /// </summary>
    public static string? Language(string? value)
    {
        if (value is null) return null;
        var code = value.Trim().Split('.', '@')[0].Replace('_', '-');
        var head = code.Split('-')[0].ToLowerInvariant();
        return head is "pl" or "en" && (code.Length == 2 || code[2] == '-') ? head : null;
    }
}

/// <summary>What a command's action gets: the data folder, the output, the clock.</summary>
public sealed record CliContext(DataDir Dir, Output Out, TimeProvider Clock, CancellationToken Cancel)
{
    public LanguageExt.Either<Problem, AppConfig> LoadConfig() => ConfigStore.Load(Dir);

    /// <summary>The configuration, or the usage exit code after saying what is wrong.</summary>
    public bool TryConfig(out AppConfig config, out int exit) => TryConfig(LoadConfig(), out config, out exit);

    /// <summary>A loaded configuration, or the usage exit code after saying what is wrong.</summary>
    public bool TryConfig(LanguageExt.Either<Problem, AppConfig> loaded, out AppConfig config, out int exit)
    {
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
            Texts.Texts.UseLanguage(Global.Language(pr.GetValue(Global.LangOption))
                ?? Global.Language(Environment.GetEnvironmentVariable("KONEKTOSYNC_LANG")) ?? Global.Language(CultureInfo.CurrentUICulture.Name) ?? "en");
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
        root.Subcommands.Add(ServiceInstallCommands.Build(ctx));
        root.Subcommands.Add(StatusCommand.Build(ctx));
        HelpTexts.HelpForGroups(root);
        return root;
    }

    public static async Task<int> Run(string[] args, TextWriter stdout, TextWriter stderr,
        TimeProvider clock, CancellationToken cancel)
    {
        var root = Build(stdout, stderr, clock);
        var lang = Global.Language(root.Parse(args).GetResult(Global.LangOption)?.Tokens.LastOrDefault()?.Value)
            ?? Global.Language(Environment.GetEnvironmentVariable("KONEKTOSYNC_LANG"))
            ?? Global.Language(CultureInfo.CurrentUICulture.Name) ?? "en";
        var uiCulture = CultureInfo.CurrentUICulture;
        // System.CommandLine's own texts (usage, headings, parse errors, "did you mean") follow the UI culture
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang == "pl" ? "pl-PL" : "en-US");
        try
        {
            Texts.Texts.UseLanguage(lang);
            HelpTexts.Apply(root);
            CommandLineTexts.Install();
            return await Invoke(root.Parse(args), args, stdout, stderr, cancel);
        }
        finally { CultureInfo.CurrentUICulture = uiCulture; }
    }

    private static async Task<int> Invoke(ParseResult parsed, string[] args, TextWriter stdout, TextWriter stderr,
        CancellationToken cancel)
    {
        // Ctrl+C is handled by the caller's token (Program.cs): the sync stops between groups, never killed mid-group
        var config = new InvocationConfiguration
            { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (parsed.Errors.Count > 0)
        {
            // the errors, then System.CommandLine's "did you mean" for a mistyped command or option
            if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction errors)
            {
                errors.ShowHelp = false;
                errors.ShowTypoCorrections = true;
                parsed.Invoke(config);
            }
            else foreach (var e in parsed.Errors) stderr.WriteLine(e.Message);
            stderr.WriteLine(Texts.Texts.Get("usage.help"));
            return Exit.Usage;
        }
        var dir = DataDir.Resolve(parsed.GetValue(Global.DataDirOption));
        if (NeedsInit(parsed) && !File.Exists(dir.ConfigFile))
            return new Output(stdout, stderr, parsed.GetValue(Global.JsonOption)).Fail(Problem.Of("config.missing",
                $"no configuration in {dir.Path}: run 'konektosync init' first", dir.Path));
        try
        {
            var opened = dir.Tighten();
            if (opened.Count > 0) stderr.WriteLine(Texts.Texts.Get("datadir.tightened", dir.Path, opened.Count));
            // a logging configuration (appsettings.json) that cannot be used is one message before anything runs
            if (parsed.Action is not System.CommandLine.Help.HelpAction
                && Service.LogConfiguration.Load(dir).LeftToSeq().HeadOrNone().Case is Problem badLog)
                return new Output(stdout, stderr, parsed.GetValue(Global.JsonOption)).Fail(badLog);
            return await parsed.InvokeAsync(config, cancel);
        }
        catch (Exception e) when (cancel.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: whatever the stop surfaced as (a cancellation, a connection shut down
            // under a command), it is the requested stop; every loaded group is whole
            FileLog(dir, SyncEvent.Of(Severity.Warning, "run.stopped",
                $"stopped on request ({e.GetType().Name})", "", args: [e.GetType().Name]));
            var o = new Output(stdout, stderr, parsed.GetValue(Global.JsonOption));
            o.Fail(Problem.Of("run.stopped", "stopped on request: what was loaded is whole; run the command again to finish"),
                Exit.SomeFailed);
            return Exit.SomeFailed;
        }
        catch (PanelUnavailable e)
        {
            return new Output(stdout, stderr, parsed.GetValue(Global.JsonOption)).Fail(e.Problem, Exit.SomeFailed);
        }
        catch (Exception e) when (Damaged(e, dir) is { } damaged)
        {
            FileLog(dir, damaged);
            stderr.WriteLine(Texts.Texts.Get("error.prefix") + Texts.Texts.Of(damaged));
            stderr.WriteLine($"{Texts.Texts.Get("word.remedy")}: {Texts.Texts.Remedy(damaged)}");
            return Exit.SomeFailed;
        }
        catch (Exception e) when (Unwritable(e, dir) is { } unwritable)
        {
            FileLog(dir, unwritable);
            stderr.WriteLine(Texts.Texts.Get("error.prefix") + Texts.Texts.Of(unwritable));
            stderr.WriteLine($"{Texts.Texts.Get("word.remedy")}: {Texts.Texts.Remedy(unwritable)}");
            return Exit.SomeFailed;
        }
        catch (Exception e)
        {
            // the last line of defence: a fault no command turned into a value is one message, never a stack trace
            var fault = SyncFaults.Describe(e, dir.LogDir, CommandText(parsed));
            FileLog(dir, fault);
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

    /// <summary>The command as typed, without its arguments and options ("firms", "programs check").</summary>
    private static string CommandText(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r?.Parent is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names.Count == 0 ? "sync" : string.Join(' ', names);
    }

    /// <summary>Commands that read the data folder's panel and so need `init` first.</summary>
    private static bool NeedsInit(ParseResult parsed)
    {
        if (parsed.Action is System.CommandLine.Help.HelpAction) return false;
        for (var r = parsed.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            if (r.Command.Name == "panel") return parsed.CommandResult.Command.Name != "panel";
        return false;
    }

    /// <summary>
    /// A fault that SQLite reports as a damaged or foreign file (SQLITE_CORRUPT, SQLITE_NOTADB): the
    /// error event naming the data folder's database that fails its integrity check, with what to do.
    /// </summary>
    private static SyncEvent? Damaged(Exception e, DataDir dir)
    {
        var sqlite = e as SqliteException ?? e.InnerException as SqliteException;
        if (sqlite is null || sqlite.SqliteErrorCode is not (11 or 26)) return null;
        var message = SyncPipeline.Redact(sqlite.Message);
        if (IsDamaged(dir.StateDb))
            return SyncEvent.Of(Severity.Error, "data.damaged.state",
                $"the state database {dir.StateDb} is damaged ({message})",
                $"Move {dir.StateDb} away (keep it for a report), then run 'konektosync firms --refresh': the configuration " +
                "and the panel stay, the next sync sends everything again.", args: [dir.StateDb, message]);
        if (IsDamaged(dir.PanelDb))
            return SyncEvent.Of(Severity.Error, "data.damaged.panel",
                $"the panel database {dir.PanelDb} is damaged ({message})",
                $"Restore {dir.PanelDb} from a backup, or move it away and run the sync again.", args: [dir.PanelDb, message]);
        return null;
    }

    /// <summary>
    /// A write fault (no space, a read-only folder or file system, no permission) whose cause is the
    /// data folder: the error event saying which, naming the folder, with what to do.
    /// </summary>
    private static SyncEvent? Unwritable(Exception e, DataDir dir)
    {
        var cause = e is SyncFault { InnerException: { } inner } ? inner : e;
        var write = cause is UnauthorizedAccessException or IOException
            || cause is SqliteException { SqliteErrorCode: 8 or 10 or 13 or 14 };
        if (!write || !Directory.Exists(dir.Path)) return null;
        var message = SyncPipeline.Redact(cause.Message);
        long? free = null;
        try { free = new DriveInfo(dir.Path).AvailableFreeSpace; }
        catch (Exception x) when (x is IOException or ArgumentException or UnauthorizedAccessException) { }
        if (free is < 64 * 1024)
            return SyncEvent.Of(Severity.Error, "data.folder.full",
                $"the disk of the data folder {dir.Path} is full ({message}); what was written before is whole",
                $"Free space on the disk of {dir.Path}, or move the data folder (--data-dir), then run the command again.",
                args: [dir.Path, message]);
        var probe = Path.Combine(dir.Path, ".konektosync-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException)
        {
            return SyncEvent.Of(Severity.Error, "data.folder.read-only",
                $"the data folder {dir.Path} cannot be written ({message})",
                $"Make {dir.Path} writable for the account that runs konektosync (its permissions, a read-only disk or " +
                "mount, an immutable attribute), then run the command again.", args: [dir.Path, message]);
        }
    }

    private static bool IsDamaged(string file)
    {
        if (!File.Exists(file)) return false;
        try
        {
            using var db = new SqliteConnection(new SqliteConnectionStringBuilder
                { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "PRAGMA quick_check";
            return cmd.ExecuteScalar() as string != "ok";
        }
        catch (SqliteException) { return true; }
    }

    /// <summary>The event in the file log of the data folder, where that folder is writable.</summary>
    private static void FileLog(DataDir dir, SyncEvent e)
    {
        if (!Directory.Exists(dir.Path)) return;
        try
        {
            using var log = State.EventLogging.Create(dir);
            State.EventLogging.Write(log, "-", e);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }
}
