using System.Diagnostics;
using KonektoSync.Host.Cli;

namespace KonektoSync.Tests.Host;

public sealed class ServiceInstallCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _units = Directory.CreateTempSubdirectory("konektosync-units-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        try { Directory.Delete(_units, recursive: true); } catch (IOException) { }
    }

    private string UnitFile => Path.Combine(_units, "konektosync.service");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Install_writes_the_unit_for_the_data_folder_and_its_programs_and_shows_how_to_enable_it()
    {
        _cli.Run("init");
        _cli.Run("programs", "set", "raks", "path=/srv/raks-office");

        var r = _cli.Run("service", "install", "--unit-dir", _units, "--user", "biuro");

        Assert.Equal(0, r.Exit);
        var unit = File.ReadAllText(UnitFile);
        Assert.Contains($"--data-dir \"{_cli.DataDir}\"", unit, StringComparison.Ordinal);
        Assert.Contains("User=biuro", unit, StringComparison.Ordinal);
        Assert.Contains("ReadOnlyPaths=-\"/srv/raks-office\"", unit, StringComparison.Ordinal);
        Assert.Contains($"ReadWritePaths=\"{_cli.DataDir}\"", unit, StringComparison.Ordinal);
        Assert.Contains("systemctl daemon-reload", r.Out, StringComparison.Ordinal);
        Assert.Contains("systemctl enable --now konektosync", r.Out, StringComparison.Ordinal);
        Assert.Contains($"chown -R biuro: {_cli.DataDir}", r.Out, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(UnitFile));
    }

    [Fact]
    public void Install_with_json_lists_the_steps_in_english_whatever_the_language()
    {
        var r = _cli.RunIn("pl", "service", "install", "--unit-dir", _units, "--json");

        Assert.Equal(0, r.Exit);
        Assert.Equal(UnitFile, r.Json.GetProperty("unit").GetString());
        Assert.False(r.Json.GetProperty("configured").GetBoolean());
        Assert.Contains(r.Json.GetProperty("steps").EnumerateArray(), s => s.GetString() == "systemctl enable --now konektosync");
    }

    [Fact]
    public void Install_in_polish_says_where_the_unit_is_and_what_to_run()
    {
        var r = _cli.RunIn("pl", "service", "install", "--unit-dir", _units);

        Assert.Equal(0, r.Exit);
        Assert.Contains("Zapisano plik jednostki: " + UnitFile, r.Out, StringComparison.Ordinal);
        Assert.Contains("wykonaj jako root", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Uninstall_removes_the_unit_and_says_what_to_run()
    {
        _cli.Run("service", "install", "--unit-dir", _units);

        var removed = _cli.Run("service", "uninstall", "--unit-dir", _units);
        var again = _cli.Run("service", "uninstall", "--unit-dir", _units);

        Assert.Equal(0, removed.Exit);
        Assert.False(File.Exists(UnitFile));
        Assert.Contains("systemctl disable --now konektosync", removed.Out, StringComparison.Ordinal);
        Assert.Equal(0, again.Exit);
        Assert.Contains("nothing to remove", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_is_needed_only_for_the_system_unit_folder_a_new_user_and_systemctl()
    {
        Assert.True(ServiceInstallCommands.NeedsRoot(unitDirGiven: false, createUser: false, enable: false));
        Assert.True(ServiceInstallCommands.NeedsRoot(unitDirGiven: true, createUser: true, enable: false));
        Assert.True(ServiceInstallCommands.NeedsRoot(unitDirGiven: true, createUser: false, enable: true));
        Assert.False(ServiceInstallCommands.NeedsRoot(unitDirGiven: true, createUser: false, enable: false));
    }

    [Fact]
    public async Task Install_by_a_plain_user_says_to_run_it_as_root_and_exits_1()
    {
        // as root here: the command runs as its own process with the account 'nobody' (setpriv, util-linux)
        var (exit, err) = Environment.IsPrivilegedProcess
            ? await AsNobody("service", "install", "--data-dir", Path.Combine(Path.GetTempPath(), "konektosync-nobody-" + Guid.NewGuid()), "--lang", "en")
            : (_cli.Run("service", "install").Exit, _cli.Run("service", "install").Err);

        Assert.Equal(1, exit);
        Assert.Contains("/etc/systemd/system/konektosync.service needs root: run 'sudo konektosync service install", err,
            StringComparison.Ordinal);
    }

    private static async Task<(int, string)> AsNobody(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p ? p : "dotnet";
        var info = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--", dotnet,
                     typeof(CliApp).Assembly.Location }.Concat(args))
            info.ArgumentList.Add(a);
        info.Environment["HOME"] = "/tmp";
        info.Environment["DOTNET_CLI_HOME"] = "/tmp";
        using var process = Process.Start(info)!;
        var err = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await err);
    }
}
