using System.Diagnostics;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.Sync;
using KonektoSync.Host.Worker;
using KonektoSync.Tests.Host;
using LanguageExt;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// The worker in-process on a sample office with the real sync and change source: stopped in the
/// middle of a run, it ends the run as cancelled with nothing half loaded; a new worker's next run
/// completes, and the panel is then exactly what a clean `sync` of the same months gives.
/// </summary>
[Collection("EndToEnd")]
public sealed class WorkerStopTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<string> _temp = [];

    public void Dispose()
    {
        foreach (var t in _temp) try { Directory.Delete(t, true); } catch (IOException) { }
    }

    /// <summary>The real sync, with the report and the instant it started kept for the test.</summary>
    private sealed class Watched(ISyncRunner inner) : ISyncRunner
    {
        public readonly TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource<SyncReport> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<SyncReport> Run(AppConfig cfg, SyncRequest request, Set<ProgramId> programs, CancellationToken cancel)
        {
            Started.TrySetResult();
            var report = await inner.Run(cfg, request, programs, cancel);
            Done.TrySetResult(report);
            return report;
        }
    }

    private static void Touch(string folder, DateTime at)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, at);
    }

    private static async Task<(Watched Runner, SyncWorker Worker)> Start(CliRunner cli, FakeTimeProvider clock)
    {
        var dir = new DataDir(cli.DataDir);
        var log = new Serilog.LoggerConfiguration().CreateLogger();
        var runner = new Watched(new WorkflowRunner(dir, TimeProvider.System, log));
        var worker = new SyncWorker(dir, clock, new FileChangeSource(), runner, log, TimeZoneInfo.Utc);
        await worker.StartAsync(CancellationToken.None);
        // the first check is due 5 s after the start
        for (var i = 0; i < 100 && !runner.Started.Task.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
        await runner.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (runner, worker);
    }

    [Fact]
    public async Task A_worker_stopped_in_the_middle_of_a_run_loads_nothing_half_and_the_next_run_completes()
    {
        using var office = await Office.Write(seed: 59, raksFirms: 6, faktFirms: 2);
        using var clean = new CliRunner();
        using var stopped = new CliRunner();
        office.Configure(clean);
        office.Configure(stopped);
        stopped.UseSecretOf(clean);
        Ok(stopped.Run("settings", "--auto-update", "on", "--auto-when", "change", "--auto-check-seconds", "5", "--auto-months", "12"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 12, 16, 10, 0, 0, TimeSpan.Zero));

        var watch = Stopwatch.StartNew();
        Ok(clean.Run("sync", "--from", "2024-01", "--to", "2024-12"));
        var duration = watch.Elapsed;
        output.WriteLine($"clean sync: {duration.TotalMilliseconds:F0} ms");

        SyncReport? cancelled = null;
        // a run of the worker is shorter than the command's sync (no process start) and varies with the
        // machine's load: each attempt stops earlier, the last one as soon as the run has started
        double[] fractions = [1.0 / 3, 1.0 / 6, 1.0 / 12, 1.0 / 24, 0];
        for (var attempt = 1; attempt <= fractions.Length && cancelled is null; attempt++)
        {
            var (runner, worker) = await Start(stopped, clock);
            await Task.Delay(duration * fractions[attempt - 1]);
            await worker.StopAsync(CancellationToken.None);
            var report = await runner.Done.Task.WaitAsync(TimeSpan.FromMinutes(1));
            output.WriteLine($"stop {attempt}: cancelled {report.Cancelled}, groups {report.GroupsLoaded}");
            Assert.Equal(0, report.GroupsFailed);
            Assert.Equal("stopped", WorkerState.Load(new DataDir(stopped.DataDir))!.State);
            if (report.Cancelled) cancelled = report;
            // a run that finished left change markers: new file times make the next run read again
            // (the same values, so the comparison with the clean run below still holds)
            else Touch(office.Root, clock.GetUtcNow().UtcDateTime.AddMinutes(attempt));
        }
        Assert.NotNull(cancelled);
        Assert.Equal("cancelled", WorkerState.Load(new DataDir(stopped.DataDir))!.LastRun!.Outcome);

        var (next, again) = await Start(stopped, clock);
        var final = await next.Done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await again.StopAsync(CancellationToken.None);
        Assert.False(final.Cancelled || final.AnyFailed);

        var cleanExport = Temp("worker-stop-clean");
        var stoppedExport = Temp("worker-stop-stopped");
        Ok(clean.Run("panel", "export", cleanExport));
        Ok(stopped.Run("panel", "export", stoppedExport));
        var expected = ReadExport(cleanExport);
        var actual = ReadExport(stoppedExport);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (file, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs from the clean run's");
    }

    private string Temp(string name) { var t = NewTemp(name); _temp.Add(t); return t; }
}
