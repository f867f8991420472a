using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;
using KonektoSync.Host.Worker;
using KonektoSync.Transform.Planning;
using LanguageExt;
using Microsoft.Extensions.Time.Testing;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Worker;

/// <summary>
/// The worker in-process with a fake clock, a fake change source and a sync that records what it
/// is asked: it runs on schedule, syncs only the programs that changed, approves only when set,
/// never sends summaries, backs a failing program off without stopping the others, and goes on
/// after a fault escaping a run.
/// </summary>
public sealed class SyncWorkerTests : IDisposable
{
    private static readonly ProgramId Raks = ProgramId.Raks;
    private static readonly ProgramId Fakt = ProgramId.Fakt;

    private readonly DataDir _dir = new(Directory.CreateTempSubdirectory("konektosync-worker-").FullName);
    // a Monday
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero));
    private readonly FakeChanges _changes = new();
    private readonly RecordingRunner _runner;

    public SyncWorkerTests() => _runner = new RecordingRunner(_dir, _changes, _clock);

    public void Dispose()
    {
        try { Directory.Delete(_dir.Path, recursive: true); } catch (IOException) { }
    }

    private sealed class FakeChanges : IChangeSource
    {
        public Map<ProgramId, Option<string>> Now = Map<ProgramId, Option<string>>();

        public Task<Map<ProgramId, Option<string>>> Fingerprints(AppConfig cfg, DataDir dir, CancellationToken cancel) =>
            Task.FromResult(Now);
    }

    /// <summary>
    /// Records what it is asked and, as the sync does, leaves a change marker in the journal for each
    /// program it read without an error (<see cref="ChangeMarking.After"/> with the fake fingerprints).
    /// </summary>
    private sealed class RecordingRunner(DataDir dir, FakeChanges changes, TimeProvider clock) : ISyncRunner
    {
        private readonly List<(SyncRequest Request, Set<ProgramId> Programs)> _calls = [];
        public Func<Set<ProgramId>, int, SyncReport> Answer = (_, _) => Report();

        public List<(SyncRequest Request, Set<ProgramId> Programs)> Calls { get { lock (_calls) return [.. _calls]; } }

        public async Task<SyncReport> Run(AppConfig cfg, SyncRequest request, Set<ProgramId> programs, CancellationToken cancel)
        {
            int n;
            lock (_calls) { _calls.Add((request, programs)); n = _calls.Count; }
            var report = Answer(programs, n);
            using var state = StateStore.Open(dir.StateDb);
            var plan = new SyncPlan(Map<ProgramId, Seq<PlanItem>>(), Seq<SyncEvent>(), Seq<FirmPlanRow>());
            await ChangeMarking.After(changes, cfg, dir, state, request, ChangeMarking.Today(clock), report.RunId,
                new MarkerCheck(Map<ProgramId, ChangeMark>(), changes.Now), plan, programs.ToSeq(), report.Events, cancel);
            return report;
        }
    }

    private static SyncReport Report(params SyncEvent[] events) =>
        new(Guid.NewGuid().ToString("N"), 3, 0, 10, 0, 2, events.ToSeq(), false, null);

    private void Configure(Action<AutoUpdateEntry> set)
    {
        _dir.Ensure();
        var cfg = new AppConfig();
        cfg.Programs["raks"] = new ProgramEntry();
        cfg.Programs["fakt"] = new ProgramEntry();
        cfg.AutoUpdate.Enabled = true;
        set(cfg.AutoUpdate);
        ConfigStore.Save(_dir, cfg);
    }

    private readonly LogLines _log = new();

    private sealed class LogLines : Serilog.Core.ILogEventSink
    {
        private readonly List<string> _lines = [];
        public List<string> Lines { get { lock (_lines) return [.. _lines]; } }
        public void Emit(Serilog.Events.LogEvent e) { lock (_lines) _lines.Add(e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)); }
    }

    private SyncWorker Worker() =>
        new(_dir, _clock, _changes, _runner, new Serilog.LoggerConfiguration().WriteTo.Sink(_log).CreateLogger(), TimeZoneInfo.Utc);

    /// <summary>Moves the fake clock on in steps, letting the worker act between them, until the condition holds.</summary>
    private async Task AdvanceUntil(Func<bool> done, TimeSpan step, int maxSteps = 2000)
    {
        for (var i = 0; i < maxSteps && !done(); i++)
        {
            _clock.Advance(step);
            await Task.Delay(5);
            await Settle(done);
        }
        Assert.True(done(), $"not reached by {_clock.GetUtcNow():O}");
    }

    /// <summary>Waits (real time, briefly) for the worker to act on what the clock says now.</summary>
    private static async Task Settle(Func<bool> done)
    {
        for (var i = 0; i < 20 && !done(); i++) await Task.Delay(5);
    }

    /// <summary>Advances to the worker's next run as worker.json says it, and waits for worker.json to show the one after.</summary>
    private async Task Tick()
    {
        var next = await NextRun();
        _clock.SetUtcNow(next);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && (WorkerState.Load(_dir)?.NextRun is not { } n || n <= next)) await Task.Delay(10);
        Assert.True(WorkerState.Load(_dir)?.NextRun > next, "the worker did not go on to its next run");
    }

    private async Task<DateTimeOffset> NextRun()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (WorkerState.Load(_dir) is { NextRun: { } n, State: "idle" } && n > _clock.GetUtcNow()) return n;
            await Task.Delay(10);
        }
        throw new TimeoutException("worker.json shows no next run");
    }

    [Fact]
    public async Task The_worker_runs_at_the_times_of_its_schedule_and_not_between()
    {
        Configure(a => a.Schedule = "0 * * * *");
        _changes.Now = Map((Raks, Option<string>.None));
        var worker = Worker();
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), await NextRun());
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 9, 59, 59, TimeSpan.Zero));
        await Task.Delay(200);
        Assert.Empty(_runner.Calls);
        await Tick();
        Assert.Single(_runner.Calls);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), await NextRun());
        await Tick();
        Assert.Equal(2, _runner.Calls.Count);
        await worker.StopAsync(CancellationToken.None);

        var state = WorkerState.Load(_dir)!;
        Assert.Equal(("stopped", Environment.ProcessId, "ok"), (state.State, state.Pid, state.LastRun?.Outcome));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), state.LastRun!.Start);
    }

    [Fact]
    public async Task The_workers_run_lines_read_in_Polish_with_the_polish_language()
    {
        Configure(a => a.Schedule = "0 * * * *");
        _changes.Now = Map((Raks, Option<string>.None));
        KonektoSync.Host.Texts.Texts.UseLanguage("pl");
        try
        {
            var worker = Worker();
            await worker.StartAsync(CancellationToken.None);
            await Tick();
            await worker.StopAsync(CancellationToken.None);
        }
        finally { KonektoSync.Host.Texts.Texts.UseLanguage("en"); }

        // each line is logged as the template's one value, which the log renders in quotes
        var lines = _log.Lines.Select(l => l.Trim('"')).ToList();
        Assert.Contains(lines, l => l.StartsWith("automatyczna aktualizacja: usługa uruchomiona (pid ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("automatyczna aktualizacja: przebieg rozpoczęty, programy raks", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("zakończony (pomyślnie)", StringComparison.Ordinal));
        Assert.Contains("automatyczna aktualizacja: usługa zatrzymana", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("automatic update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_programs_whose_data_changed_are_synced_never_with_a_summary_and_approved_only_when_set()
    {
        Configure(a => { a.When = "change"; a.CheckSeconds = 60; });
        _changes.Now = Map((Raks, Some("r1")), (Fakt, Some("f1")));
        var worker = Worker();
        await worker.StartAsync(CancellationToken.None);

        await Tick();
        await Tick();
        await Tick();
        _changes.Now = Map((Raks, Some("r1")), (Fakt, Some("f2")));
        await Tick();
        await Tick();
        var cfg = ConfigStore.Load(_dir).RightToSeq().Head;
        cfg.AutoUpdate.Approve = true;
        ConfigStore.Save(_dir, cfg);
        await Tick();
        _changes.Now = Map((Raks, Some("r2")), (Fakt, Some("f2")));
        await Tick();
        await worker.StopAsync(CancellationToken.None);

        // turning approval on changes what a sync writes: both programs are read again once
        var calls = _runner.Calls;
        Assert.Equal([toSet([Raks, Fakt]), toSet([Fakt]), toSet([Raks, Fakt]), toSet([Raks])], calls.Select(c => c.Programs));
        Assert.Equal([false, false, true, true], calls.Select(c => c.Request.Approve));
        Assert.All(calls, c => Assert.False(c.Request.SendSummary || c.Request.Manual));
        Assert.All(calls, c => Assert.Equal(("2026-02", "2026-03"), (c.Request.From.ToString(), c.Request.To.ToString())));
    }

    [Fact]
    public async Task A_program_that_keeps_failing_waits_longer_each_time_while_the_others_go_on()
    {
        Configure(a => { a.When = "change"; a.CheckSeconds = 60; });
        _changes.Now = Map((Raks, Option<string>.None), (Fakt, Option<string>.None));
        _runner.Answer = (programs, _) => programs.Contains(Raks)
            ? Report(SyncEvent.Of(Severity.Error, "program.check-failed", "raks: the database cannot be opened", program: Raks))
            : Report();
        var worker = Worker();
        await worker.StartAsync(CancellationToken.None);
        for (var i = 0; i < 8; i++) await Tick();
        var state = WorkerState.Load(_dir)!;
        await worker.StopAsync(CancellationToken.None);

        // checks every minute; raks waits 1, 2, then 4 minutes after its first three failures
        var withRaks = _runner.Calls.Select((c, i) => (c.Programs.Contains(Raks), c.Programs.Contains(Fakt))).ToList();
        Assert.Equal([(true, true), (true, true), (false, true), (true, true), (false, true), (false, true), (false, true), (true, true)], withRaks);
        Assert.Equal(4, state.Backoff["raks"].Failures);
        Assert.False(state.Backoff.ContainsKey("fakt"));
    }

    [Fact]
    public async Task A_fault_escaping_a_run_is_retried_and_logged_and_the_next_run_still_happens()
    {
        Configure(a => { a.When = "change"; a.CheckSeconds = 60; });
        _changes.Now = Map((Raks, Option<string>.None));
        _runner.Answer = (_, n) => n <= 4 ? throw new InvalidOperationException("the disk went away") : Report();
        var worker = Worker();
        await worker.StartAsync(CancellationToken.None);

        await AdvanceUntil(() => WorkerState.Load(_dir)?.LastRun is not null, TimeSpan.FromSeconds(5));
        await worker.StopAsync(CancellationToken.None);

        // the run and its three retries failed; the run after them completed
        Assert.Equal(5, _runner.Calls.Count);
        Assert.Equal("ok", WorkerState.Load(_dir)!.LastRun!.Outcome);
        Assert.Equal(3, _log.Lines.Count(l => l.StartsWith("automatic update: run failed (\"InvalidOperationException\"), retry", StringComparison.Ordinal)));
        Assert.Contains(_log.Lines, l => l.StartsWith("automatic update: run failed (\"System.InvalidOperationException\"); the next run goes on", StringComparison.Ordinal));
    }
}
