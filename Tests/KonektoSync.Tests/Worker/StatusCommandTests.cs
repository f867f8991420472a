using KonektoSync.Host.Config;
using KonektoSync.Host.Worker;
using KonektoSync.Tests.Host;

namespace KonektoSync.Tests.Worker;

/// <summary>`status`: the configuration, the worker's state from worker.json, a sync holding the lock; in English, Polish and JSON.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_new_data_folder_shows_no_worker_no_run_and_the_automatic_update_off()
    {
        _cli.Run("init");
        var json = _cli.Run("status", "--json");
        var en = _cli.Run("status");
        var pl = _cli.RunIn("pl", "status");

        Assert.Equal((0, 0, 0), (json.Exit, en.Exit, pl.Exit));
        var s = json.Json;
        Assert.False(s.GetProperty("autoUpdate").GetProperty("enabled").GetBoolean());
        Assert.Equal("*/30 7-18 * * 1-5", s.GetProperty("autoUpdate").GetProperty("schedule").GetString());
        Assert.False(s.TryGetProperty("worker", out _));
        Assert.False(s.TryGetProperty("lastRun", out _));
        Assert.Contains("Worker: never started in this data folder", en.Out);
        Assert.Contains("Automatic update: off, schedule '*/30 7-18 * * 1-5'", en.Out);
        Assert.Contains("Usługa: nigdy nie była uruchomiona w tym folderze danych", pl.Out);
        Assert.Contains("Aktualizacja automatyczna: nie, harmonogram '*/30 7-18 * * 1-5'", pl.Out);
    }

    [Fact]
    public void A_worker_whose_process_is_gone_is_shown_as_gone_and_a_held_lock_names_its_holder()
    {
        _cli.Run("init");
        _cli.Run("settings", "--auto-update", "on");
        var dir = new DataDir(_cli.DataDir);
        var dead = 4_000_000;
        new WorkerState(dead, "running", DateTimeOffset.Now.AddHours(-1), null, DateTimeOffset.Now.AddMinutes(5),
            new Dictionary<string, WorkerBackoff>(), null).Save(dir);
        using var held = SyncLock.TryTake(dir, "sync", TimeProvider.System);

        var json = _cli.Run("status", "--json").Json;
        var en = _cli.Run("status").Out;

        var worker = json.GetProperty("worker");
        Assert.Equal((dead, false, "running"), (worker.GetProperty("pid").GetInt32(), worker.GetProperty("alive").GetBoolean(),
            worker.GetProperty("state").GetString()));
        Assert.Equal(Environment.ProcessId, json.GetProperty("syncRunning").GetProperty("pid").GetInt32());
        Assert.Contains($"process {dead} (gone: the process has ended)", en);
        Assert.Contains($"A sync is running: process {Environment.ProcessId} ('sync')", en);
        // a dead worker has no next run
        Assert.Contains("Next run: none", en);
    }
}
