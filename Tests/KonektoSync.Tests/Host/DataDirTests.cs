using KonektoSync.Host.Config;

namespace KonektoSync.Tests.Host;

/// <summary>The data folder's permissions on Linux and macOS (Windows ACLs are not tested here).</summary>
public sealed class DataDirTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Wide = Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode WideFile = PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string parent = Directory.CreateTempSubdirectory("konektosync-dir-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(parent, recursive: true); } catch (IOException) { }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void AssertPrivate(string folder)
    {
        Assert.Equal(Private, File.GetUnixFileMode(folder));
        foreach (var d in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
            Assert.True(File.GetUnixFileMode(d) == Private, d);
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            Assert.True(File.GetUnixFileMode(f) == PrivateFile, $"{f}: {File.GetUnixFileMode(f)}");
    }

    private static CliRunner.Result Run(string dataDir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = KonektoSync.Host.Cli.CliApp.Run([.. args, "--data-dir", dataDir, "--lang", "en"], o, e,
            TimeProvider.System, default).GetAwaiter().GetResult();
        return new CliRunner.Result(code, o.ToString(), e.ToString());
    }

    [Fact]
    public void A_new_data_folder_is_created_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = new DataDir(Path.Combine(parent, "data"));

        dir.Ensure();

        Assert.Equal(Private, File.GetUnixFileMode(dir.Path));
    }

    [Fact]
    public void Init_and_sync_leave_every_file_of_the_data_folder_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var data = Path.Combine(parent, "data");

        Assert.Equal(0, Run(data, "init").Exit);
        Assert.Equal(0, Run(data, "sync", "--from", "2024-01", "--to", "2024-03").Exit);

        Assert.True(File.Exists(Path.Combine(data, "konektosync.json")));
        Assert.True(File.Exists(Path.Combine(data, "konektosync.db")));
        var secret = File.ReadAllText(Path.Combine(data, "secret.key"));
        Assert.Equal(64, secret.Length);
        Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(data, "konektosync.json")));
        AssertPrivate(data);
    }

    [Fact]
    public void An_existing_data_folder_open_to_others_is_tightened_and_the_user_is_told()
    {
        if (OperatingSystem.IsWindows()) return;
        var data = Path.Combine(parent, "data");
        Assert.Equal(0, Run(data, "init").Exit);
        File.SetUnixFileMode(data, Wide);
        File.SetUnixFileMode(Path.Combine(data, "konektosync.json"), WideFile);
        Directory.CreateDirectory(Path.Combine(data, "logs"));
        File.WriteAllText(Path.Combine(data, "logs", "konektosync-20240101.log"), "x");
        File.SetUnixFileMode(Path.Combine(data, "logs"), Wide);
        File.SetUnixFileMode(Path.Combine(data, "logs", "konektosync-20240101.log"), WideFile);

        var r = Run(data, "log");

        AssertPrivate(data);
        Assert.Contains($"The data folder {data} was open to other users", r.Err);
        Assert.Contains("readable by its owner only", r.Err);
    }

    [Fact]
    public void Files_in_the_data_folder_that_konektosync_does_not_own_are_left_as_they_are()
    {
        if (OperatingSystem.IsWindows()) return;
        var data = Path.Combine(parent, "data");
        Assert.Equal(0, Run(data, "init").Exit);
        var notes = Path.Combine(data, "notes.txt");
        File.WriteAllText(notes, "x");
        File.SetUnixFileMode(notes, WideFile);
        Directory.CreateDirectory(Path.Combine(data, "shared"));
        File.SetUnixFileMode(Path.Combine(data, "shared"), Wide);

        Run(data, "log");

        Assert.Equal(WideFile, File.GetUnixFileMode(notes));
        Assert.Equal(Wide, File.GetUnixFileMode(Path.Combine(data, "shared")));
        Assert.Equal(Private, File.GetUnixFileMode(data));
    }
}
