using System.Diagnostics;
using KonektoSync.Host.Cli;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Tests.Host;

/// <summary>
/// The data folder on a full disk and on a read-only file system, for real: a small tmpfs is
/// mounted, filled, or remounted read-only (the test machine runs as root, as scripts/install-deps.sh
/// needs; root ignores file permissions, so a read-only mount is the honest way to refuse writes).
/// Each command ends with one message naming the folder and what to do, exit 1.
/// </summary>
public sealed class DataFolderFaultTests : IDisposable
{
    private readonly string _mount = Directory.CreateTempSubdirectory("konektosync-mnt-").FullName;
    private string Data => Path.Combine(_mount, "data");

    public DataFolderFaultTests() => Sh("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", _mount);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // a handle a failed command left for the finalizer may still hold the mount: detach it lazily
        Sh("umount", "--lazy", _mount);
        Directory.Delete(_mount);
    }

    private static void Sh(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(" ", args)}: {err} (these tests mount a tmpfs and need root)");
    }

    private CliRunner.Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run([.. args, "--data-dir", Data, "--lang", "en"], o, e, TimeProvider.System, default).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        return new CliRunner.Result(code, o.ToString(), e.ToString());
    }

    private void Fill()
    {
        try
        {
            using var filler = new FileStream(Path.Combine(_mount, "filler"), FileMode.CreateNew);
            var block = new byte[4096];
            while (true) filler.Write(block);
        }
        catch (IOException) { }
    }

    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "settings", "--match-payers", "on" },
        new[] { "config", "clear" },
        new[] { "firms", "select", "5260250274" },
        new[] { "panel", "firms" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_full_disk_under_the_data_folder_is_one_message_naming_the_folder(string[] command)
    {
        Assert.Equal(0, Run("init").Exit);
        var config = File.ReadAllText(Path.Combine(Data, "konektosync.json"));
        Fill();

        var r = Run(command);

        Assert.Equal(1, r.Exit);
        Assert.Contains($"the disk of the data folder {Data} is full", r.Err);
        Assert.Contains("Free space", r.Err);
        Assert.DoesNotContain("unexpected", r.Err);
        Assert.DoesNotContain("   at ", r.Out + r.Err);
        Assert.Equal(config, File.ReadAllText(Path.Combine(Data, "konektosync.json")));
    }

    [Fact]
    public void A_command_that_fails_on_a_full_disk_leaves_no_file_of_the_data_folder_open()
    {
        Assert.Equal(0, Run("init").Exit);
        Fill();

        var r = Run("firms", "select", "5260250274");

        Assert.Equal(1, r.Exit);
        var open = Directory.GetFiles("/proc/self/fd")
            .Select(fd => { try { return new FileInfo(fd).LinkTarget; } catch (IOException) { return null; } })
            .Where(target => target is not null && target.StartsWith(_mount, StringComparison.Ordinal)).ToList();
        Assert.Empty(open);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_read_only_data_folder_is_one_message_naming_the_folder(string[] command)
    {
        Assert.Equal(0, Run("init").Exit);
        Sh("mount", "-o", "remount,ro", _mount);

        var r = Run(command);

        Assert.Equal(1, r.Exit);
        Assert.Contains($"the data folder {Data} cannot be written", r.Err);
        Assert.Contains("writable", r.Err);
        Assert.DoesNotContain("unexpected", r.Err);
        Assert.DoesNotContain("   at ", r.Out + r.Err);
    }
}
