using System.CommandLine;
using System.Diagnostics;
using System.Runtime.Versioning;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Service;

namespace KonektoSync.Host.Cli;

/// <summary>
/// `service install | uninstall`: the worker as a systemd unit on Linux (<see cref="SystemdUnit"/>) or a
/// Windows service (<see cref="WindowsServiceCommands"/>). On Linux nothing is started unless --enable
/// is given: the commands to run are shown.
/// </summary>
public static class ServiceInstallCommands
{
    public const string DefaultUnitDir = "/etc/systemd/system";
    public const string DefaultLinuxDataDir = "/var/lib/konektosync";

    /// <summary>The `service` group with install and uninstall and the worker's `run`.</summary>
    public static Command Build(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var service = new Command("service", "The automatic update as a system service");
        service.Subcommands.Add(ServiceRunCommand.Build(ctx));
        service.Subcommands.Add(Install(ctx));
        service.Subcommands.Add(Uninstall(ctx));
        return service;
    }

    private static Option<string?> UnitDirOption() => new("--unit-dir")
        { Description = "Folder of the systemd unit (default /etc/systemd/system)" };

    private static Command Install(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var user = new Option<string>("--user") { Description = "Linux: the account the service runs as", DefaultValueFactory = _ => "konektosync" };
        var createUser = new Option<bool>("--create-user") { Description = "Linux: create that account (useradd --system) when it does not exist" };
        var enable = new Option<bool>("--enable") { Description = "Linux: also run systemctl daemon-reload and systemctl enable --now" };
        var account = new Option<string>("--account") { Description = "Windows: the account the service runs as", DefaultValueFactory = _ => "LocalSystem" };
        var passwordEnv = new Option<string?>("--password-env") { Description = "Windows: environment variable holding the account's password" };
        var unitDir = UnitDirOption();
        var cmd = new Command("install", "Install the automatic update as a service (systemd unit or Windows service)")
            { unitDir, user, createUser, enable, account, passwordEnv };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            var dataDir = ServiceDataDir(pr, c);
            if (OperatingSystem.IsWindows())
                return await InstallWindows(c, dataDir, pr.GetValue(account)!, pr.GetValue(passwordEnv), ct);
            if (!OperatingSystem.IsLinux()) return Unsupported(c);
            return await InstallLinux(c, new LinuxInstall(dataDir, pr.GetValue(unitDir), pr.GetValue(user)!,
                pr.GetValue(createUser), pr.GetValue(enable)), ct);
        });
        return cmd;
    }

    private static Command Uninstall(Func<ParseResult, CancellationToken, CliContext> ctx)
    {
        var unitDirOption = UnitDirOption();
        var cmd = new Command("uninstall", "Remove the service (the data folder and the account stay)") { unitDirOption };
        cmd.SetAction(async (pr, ct) =>
        {
            var c = ctx(pr, ct);
            if (OperatingSystem.IsWindows()) return await UninstallWindows(c, ct);
            if (!OperatingSystem.IsLinux()) return Unsupported(c);
            var unitDir = pr.GetValue(unitDirOption);
            var file = Path.Combine(unitDir ?? DefaultUnitDir, UnitSpec.Name + ".service");
            if (NeedsRoot(unitDir is not null, false, false) && !Environment.IsPrivilegedProcess)
                return NotRoot(c, file, "uninstall");
            var existed = File.Exists(file);
            if (existed) File.Delete(file);
            string[] steps = ["systemctl disable --now " + UnitSpec.Name, "systemctl daemon-reload"];
            if (c.Out.Json) c.Out.WriteJson(new { unit = file, removed = existed, steps });
            else
            {
                c.Out.Line(Texts.Texts.Get(existed ? "service.unit-removed" : "service.unit-missing", file));
                c.Out.Line(Texts.Texts.Get("service.after-remove"));
                foreach (var s in steps) c.Out.Line("  " + s);
            }
            return Exit.Ok;
        });
        return cmd;
    }

    private sealed record LinuxInstall(string DataDir, string? UnitDir, string User, bool CreateUser, bool Enable);

    /// <summary>Root is needed for the system's unit folder, to create a user and to run systemctl.</summary>
    public static bool NeedsRoot(bool unitDirGiven, bool createUser, bool enable) => !unitDirGiven || createUser || enable;

    [UnsupportedOSPlatform("windows")]
    private static async Task<int> InstallLinux(CliContext c, LinuxInstall how, CancellationToken cancel)
    {
        var file = Path.Combine(how.UnitDir ?? DefaultUnitDir, UnitSpec.Name + ".service");
        if (NeedsRoot(how.UnitDir is not null, how.CreateUser, how.Enable) && !Environment.IsPrivilegedProcess)
            return NotRoot(c, file, "install");
        var dir = new DataDir(how.DataDir);
        var loaded = ConfigStore.Load(dir);
        var spec = new UnitSpec(InstalledCommand(), dir.Path, how.User, ProgramPaths(loaded.IfLeft(new AppConfig())));
        var unit = SystemdUnit.Build(spec);
        if (unit.IsLeft) return c.Out.Fail(unit.LeftToSeq().Head);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var tmp = file + ".tmp";
        File.WriteAllText(tmp, unit.RightToSeq().Head);
        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(tmp, file, overwrite: true);

        var createdUser = false;
        if (how.CreateUser && !UserExists(how.User))
        {
            var made = await RunTool("useradd", ["--system", "--home-dir", dir.Path, "--no-create-home",
                "--shell", "/usr/sbin/nologin", how.User], cancel);
            if (made is not null) return c.Out.Fail(made, Exit.SomeFailed);
            createdUser = true;
        }
        var steps = new List<string>();
        if (SystemdUnit.StateDirectoryOf(dir.Path) is null) steps.Add($"chown -R {Shell(how.User)}: {Shell(dir.Path)}");
        steps.AddRange(["systemctl daemon-reload", "systemctl enable --now " + UnitSpec.Name]);
        if (how.Enable)
        {
            foreach (var step in new[] { new[] { "daemon-reload" }, new[] { "enable", "--now", UnitSpec.Name } })
                if (await RunTool("systemctl", step, cancel) is { } failed) return c.Out.Fail(failed, Exit.SomeFailed);
        }
        if (c.Out.Json)
        {
            c.Out.WriteJson(new { unit = file, dataDir = dir.Path, user = how.User, createdUser, enabled = how.Enable,
                configured = loaded.IsRight, steps = how.Enable ? [] : steps });
            return Exit.Ok;
        }
        c.Out.Line(Texts.Texts.Get("service.unit-written", file));
        if (createdUser) c.Out.Line(Texts.Texts.Get("service.user-created", how.User));
        if (loaded.IsLeft) c.Out.Line(Texts.Texts.Get("service.not-configured", dir.Path));
        if (how.Enable) c.Out.Line(Texts.Texts.Get("service.enabled", UnitSpec.Name));
        else
        {
            c.Out.Line(Texts.Texts.Get("service.next"));
            foreach (var s in steps) c.Out.Line("  " + s);
        }
        c.Out.Line(Texts.Texts.Get("service.logs", UnitSpec.Name));
        return Exit.Ok;
    }

    /// <summary>The data folder of the service: --data-dir or KONEKTOSYNC_DATA_DIR, else /var/lib/konektosync on Linux.</summary>
    private static string ServiceDataDir(ParseResult pr, CliContext c) =>
        OperatingSystem.IsLinux() && pr.GetResult(Global.DataDirOption) is null
            && Environment.GetEnvironmentVariable("KONEKTOSYNC_DATA_DIR") is null
            ? DefaultLinuxDataDir : c.Dir.Path;

    /// <summary>This program as the service starts it: the binary, or dotnet and the dll when run through dotnet.</summary>
    public static IReadOnlyList<string> InstalledCommand()
    {
        var process = Environment.ProcessPath ?? "konektosync";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.Combine(AppContext.BaseDirectory, typeof(ServiceInstallCommands).Assembly.GetName().Name + ".dll")]
            : [process];
    }

    /// <summary>The folders and files of the configured programs (absolute path settings), which the service only reads.</summary>
    public static IReadOnlyList<string> ProgramPaths(AppConfig cfg) =>
        cfg.Programs.Values.Where(p => p.Enabled)
            .SelectMany(p => p.Values.Where(kv => kv.Key is "path" or "profileDir" or "database" or "dataDir")
                .Select(kv => kv.Value))
            .Where(v => Path.IsPathFullyQualified(v) && v.StartsWith('/'))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static bool UserExists(string user)
    {
        try { return File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal)); }
        catch (IOException) { return false; }
    }

    /// <summary>Runs a system tool; null when it succeeded, else the problem naming it and its exit code.</summary>
    private static async Task<Problem?> RunTool(string tool, IReadOnlyList<string> args, CancellationToken cancel,
        string? hidden = null)
    {
        // a password among the arguments never reaches the message
        var text = string.Join(' ', args.Prepend(tool).Select(a => hidden is not null && a == hidden ? "***" : a));
        try
        {
            var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            await Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancel), process.StandardError.ReadToEndAsync(cancel));
            await process.WaitForExitAsync(cancel);
            return process.ExitCode == 0 ? null : Problem.Of("service.command-failed",
                $"'{text}' failed (exit code {process.ExitCode})", text, process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Problem.Of("service.command-missing", $"'{tool}' is not on this system: run '{text}' another way", tool, text);
        }
    }

    private static string Shell(string word) =>
        word.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '/' or '-' or '_' or '.' or ':') ? word : "'" + word.Replace("'", "'\\''") + "'";

    private static int NotRoot(CliContext c, string file, string verb) =>
        c.Out.Fail(Problem.Of("service.not-root",
            $"writing {file} needs root: run 'sudo konektosync service {verb} ...' (or give --unit-dir to write the unit elsewhere)",
            file, verb), Exit.SomeFailed);

    private static int Unsupported(CliContext c) =>
        c.Out.Fail(Problem.Of("service.unsupported",
            $"a service can be installed on Linux (systemd) and on Windows only; on {System.Runtime.InteropServices.RuntimeInformation.OSDescription} start 'konektosync service run' another way",
            System.Runtime.InteropServices.RuntimeInformation.OSDescription), Exit.SomeFailed);

    [SupportedOSPlatform("windows")]
    private static async Task<int> InstallWindows(CliContext c, string dataDir, string account, string? passwordEnv,
        CancellationToken cancel)
    {
        string? password = null;
        if (passwordEnv is not null && (password = Environment.GetEnvironmentVariable(passwordEnv)) is null)
            return c.Out.Fail(Problem.Of("service.password-env", $"the account's password variable {passwordEnv} is not set", passwordEnv));
        var spec = new WindowsServiceSpec(InstalledCommand(), dataDir, account, password);
        foreach (var args in new[] { WindowsServiceCommands.Create(spec), WindowsServiceCommands.Description(), WindowsServiceCommands.Failure() })
            if (await RunTool("sc.exe", args, cancel, hidden: password) is { } failed) return c.Out.Fail(failed, Exit.SomeFailed);
        try
        {
            if (!System.Diagnostics.EventLog.SourceExists(WindowsEventLog.Source)) System.Diagnostics.EventLog.CreateEventSource(WindowsEventLog.Source, "Application");
        }
        catch (Exception e) when (e is System.Security.SecurityException or InvalidOperationException or ArgumentException) { }
        if (c.Out.Json) c.Out.WriteJson(new { service = WindowsServiceSpec.Name, account, dataDir });
        else c.Out.Line(Texts.Texts.Get("service.windows.created", WindowsServiceSpec.Name, account));
        return Exit.Ok;
    }

    [SupportedOSPlatform("windows")]
    private static async Task<int> UninstallWindows(CliContext c, CancellationToken cancel)
    {
        await RunTool("sc.exe", WindowsServiceCommands.Stop(), cancel);
        if (await RunTool("sc.exe", WindowsServiceCommands.Delete(), cancel) is { } failed) return c.Out.Fail(failed, Exit.SomeFailed);
        if (c.Out.Json) c.Out.WriteJson(new { service = WindowsServiceSpec.Name, removed = true });
        else c.Out.Line(Texts.Texts.Get("service.windows.removed", WindowsServiceSpec.Name));
        return Exit.Ok;
    }
}
