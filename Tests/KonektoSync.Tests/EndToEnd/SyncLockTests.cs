using System.Globalization;
using System.Runtime.InteropServices;
using KonektoSync.Host.Config;
using KonektoSync.Host.Worker;
using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// One sync at a time per data folder, with real processes: a second `sync` says who holds the
/// lock and exits 1; a lock left by a process killed with SIGKILL is taken over.
/// </summary>
[Collection("EndToEnd")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SyncLockTests
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private const int SigKill = 9;

    [Fact]
    public async Task Of_two_concurrent_syncs_of_one_data_folder_exactly_one_runs_and_the_other_names_the_holder()
    {
        using var office = await Office.Write(seed: 41, raksFirms: 8, faktFirms: 2);
        using var cli = new CliRunner();
        office.Configure(cli);

        var first = SyncProcess.Start(cli.DataDir);
        await first.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var second = SyncProcess.Start(["sync", "--from", "2024-01", "--to", "2024-12", "--data-dir", cli.DataDir, "--lang", "en"], "Sync:");
        await second.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.False(first.Process.HasExited, "the first sync ended before the second asked for the lock: the office is too small");
        await first.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        string text;
        lock (second.Out) text = second.Out.ToString();
        Assert.Equal(0, first.Process.ExitCode);
        Assert.Equal(1, second.Process.ExitCode);
        Assert.Contains($"another sync is running in the data folder {cli.DataDir}: process {first.Process.Id.ToString(CultureInfo.InvariantCulture)} ('sync') since ", text);
        Assert.DoesNotContain("Sync:", text);
        // the second wrote no run: only the first's is in the log
        Assert.Single(Ok(cli.Run("log", "--json")).Json.EnumerateArray().Select(e => e.GetProperty("run").GetString()).Distinct());
    }

    [Fact]
    public async Task A_second_sync_asked_to_wait_runs_after_the_first()
    {
        using var office = await Office.Write(seed: 43, raksFirms: 3, faktFirms: 1);
        using var cli = new CliRunner();
        office.Configure(cli);

        var first = SyncProcess.Start(cli.DataDir);
        await first.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var second = SyncProcess.Start(["sync", "--from", "2024-01", "--to", "2024-12", "--wait", "300", "--data-dir", cli.DataDir, "--lang", "en"], "Sync:");
        await Task.WhenAll(first.Process.WaitForExitAsync(), second.Process.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal((0, 0), (first.Process.ExitCode, second.Process.ExitCode));
        Assert.Equal(2, Ok(cli.Run("log", "--json")).Json.EnumerateArray().Select(e => e.GetProperty("run").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_lock_left_by_a_killed_sync_is_taken_over()
    {
        using var office = await Office.Write(seed: 47, raksFirms: 6, faktFirms: 2);
        using var cli = new CliRunner();
        office.Configure(cli);

        var killed = SyncProcess.Start(cli.DataDir);
        await killed.Started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var holder = SyncLock.ReadHolder(new DataDir(cli.DataDir));
        Assert.Equal((killed.Process.Id, "sync"), (holder?.Pid, holder?.Command));
        Assert.Equal(0, Kill(killed.Process.Id, SigKill));
        await killed.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(File.Exists(Path.Combine(cli.DataDir, SyncLock.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cli.DataDir, SyncLock.FileName)));

        var next = SyncProcess.Start(cli.DataDir);
        await next.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        string text;
        lock (next.Out) text = next.Out.ToString();
        Assert.True(next.Process.ExitCode == 0, text);
        Assert.Null(SyncLock.ReadHolder(new DataDir(cli.DataDir)));
    }
}
