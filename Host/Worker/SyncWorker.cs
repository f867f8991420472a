using System.Diagnostics;
using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Host.Sync;
using LanguageExt;
using Microsoft.Extensions.Hosting;
using Polly;
using Polly.Retry;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Worker;

/// <summary>One automatic sync of some programs: in the service, <see cref="SyncWorkflow"/>.</summary>
public interface ISyncRunner
{
    Task<SyncReport> Run(AppConfig cfg, SyncRequest request, Set<ProgramId> programs, CancellationToken cancel);
}

/// <summary>The same sync as the `sync` command, limited to the programs given.</summary>
public sealed class WorkflowRunner(DataDir dir, TimeProvider clock, Serilog.ILogger log) : ISyncRunner
{
    public Task<SyncReport> Run(AppConfig cfg, SyncRequest request, Set<ProgramId> programs, CancellationToken cancel) =>
        SyncWorkflow.Run(cfg, dir, request, null, clock, null, log, cancel, programs);
}

/// <summary>
/// Aktualizacja automatyczna (`konektosync service run`): reads the configuration before each run,
/// waits for the schedule's next time (or, after a change, for the next check), takes the data
/// folder's <see cref="SyncLock"/>, and syncs the programs whose change marker in the journal no
/// longer holds (<see cref="ChangeMarking"/>, the same comparison as the sync's) with the same sync as the `sync` command: never manual, never
/// sending summaries (the manual: summaries of automatic updates are sent from the panel only),
/// approving as set. A program whose run failed waits (<see cref="Backoff"/>) while the others go
/// on; a fault escaping a run is retried a few times (Polly) and logged, and the next run still
/// happens. A stop (SIGTERM, a service stop) cancels the run: the group being loaded is finished or
/// dropped whole, and the next start goes on from the journal. Each run writes one start line and
/// one end line (duration and counts) to the log, and the worker's state to worker.json.
/// </summary>
public sealed class SyncWorker(
    DataDir dir, TimeProvider clock, IChangeSource changes, ISyncRunner runner, Serilog.ILogger log,
    TimeZoneInfo zone, TextWriter? console = null) : BackgroundService
{
    /// <summary>How often a worker whose automatic update is off or misconfigured reads the configuration again.</summary>
    public static readonly TimeSpan ConfigRecheck = TimeSpan.FromMinutes(1);

    private readonly Dictionary<ProgramId, WorkerBackoff> _backoff = new();
    private readonly DateTimeOffset _started = clock.GetLocalNow();
    private WorkerRun? _lastRun;
    private DateTimeOffset? _nextRun;
    private string _state = "idle";
    private string? _note;
    private int _runs;

    /// <summary>The runs done (each a call of the sync), for tests.</summary>
    public int Runs => Volatile.Read(ref _runs);

    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            BackoffType = DelayBackoffType.Exponential, Delay = TimeSpan.FromSeconds(5), MaxRetryAttempts = 3, UseJitter = false,
            OnRetry = a =>
            {
                log.Warning("automatic update: run failed ({Type}), retry {Attempt} in {Delay}",
                    a.Outcome.Exception?.GetType().Name, a.AttemptNumber + 1, a.RetryDelay);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        Say(Texts.Texts.Get("worker.started", Environment.ProcessId, dir.Path));
        Save();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (settings, _) = Settings();
                    var now = clock.GetLocalNow();
                    _nextRun = settings is null ? now + ConfigRecheck : settings.When.Next(now, zone) ?? now + ConfigRecheck;
                    _state = "idle";
                    Save();
                    await Task.Delay(Max(_nextRun.Value - clock.GetLocalNow(), TimeSpan.Zero), clock, stop);
                    if (settings is null) continue;
                    // the run uses the configuration as it is now, changed or not while the worker waited
                    var (current, currentCfg) = Settings();
                    if (current is null || currentCfg is null) continue;
                    await _retry.ExecuteAsync(async ct => await RunOnce(currentCfg, current, ct), stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.Error("automatic update: run failed ({Type}); the next run goes on as scheduled{NewLine}{Stack}",
                        e.GetType().FullName, Environment.NewLine, e.StackTrace);
                    Say(Texts.Texts.Get("worker.run-failed", e.GetType().Name));
                    // a fault before the delay (a configuration that cannot be read) waits too, never spins
                    await Task.Delay(ConfigRecheck, clock, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        _state = "stopped";
        _nextRun = null;
        Save();
        Say(Texts.Texts.Get("worker.stopped"));
    }

    /// <summary>The checked settings, or null (with the reason noted once) when the update is off or the configuration is wrong.</summary>
    private (WorkerSettings?, AppConfig?) Settings()
    {
        var loaded = ConfigStore.Load(dir).Bind(cfg => WorkerSettings.From(cfg.AutoUpdate).Map(s => (s, cfg)));
        var note = loaded.MatchUnsafe(
            Right: x => x.s.Enabled ? null : Texts.Texts.Get("worker.off"),
            Left: p => $"{Texts.Texts.Of(p)} [{p.Code}]");
        if (note != _note && note is not null) Say(Texts.Texts.Get("worker.note", note));
        _note = note;
        return loaded.Match(Right: x => x.s.Enabled ? (x.s, x.cfg) : (null, null), Left: _ => (null, null));
    }

    /// <summary>One run: the programs that changed (and are not waiting after failures) are synced under the lock.</summary>
    public async Task RunOnce(AppConfig cfg, WorkerSettings settings, CancellationToken stop)
    {
        var now = clock.GetLocalNow();
        var request = settings.Request(now);
        // the journal's change markers, as the sync itself compares them (the sync checks the plan too)
        MarkerCheck markers;
        using (var state = StateStore.Open(dir.StateDb))
            markers = await ChangeMarking.Before(changes, cfg, dir, state, request, ChangeMarking.Today(clock), stop);
        var due = markers.Before.Keys.Filter(id => !markers.Held.ContainsKey(id))
            .Filter(id => !_backoff.TryGetValue(id, out var b) || b.RetryAfter <= now).ToSeq();
        if (due.IsEmpty)
        {
            log.Debug("automatic update: no program's data changed");
            return;
        }
        using var held = SyncLock.TryTake(dir, "service run", clock);
        if (held is null)
        {
            var holder = SyncLock.ReadHolder(dir);
            Say(Texts.Texts.Get("worker.skipped-locked", holder?.Pid.ToString(CultureInfo.InvariantCulture) ?? "?", holder?.Command ?? "?"));
            return;
        }
        _state = "running";
        Save();
        var programs = toSet(due);
        var names = due.Map(p => p.Code()).ToList();
        var watch = Stopwatch.StartNew();
        Interlocked.Increment(ref _runs);
        Say(Texts.Texts.Get("worker.run-started", string.Join(", ", names), request.From, request.To));
        using var stopping = stop.Register(() => { _state = "stopping"; Save(); });
        var report = await runner.Run(cfg, request, programs, stop);
        var end = clock.GetLocalNow();
        foreach (var id in due)
        {
            var failed = report.Cancelled || report.Fault.IsSome
                || report.Events.Exists(e => e.Severity == Severity.Error && e.Program == Some(id));
            if (failed)
            {
                var failures = (_backoff.TryGetValue(id, out var b) ? b.Failures : 0) + (report.Cancelled ? 0 : 1);
                if (failures > 0) _backoff[id] = new WorkerBackoff(failures, end + Backoff.After(failures));
                continue;
            }
            _backoff.Remove(id);
        }
        var warnings = report.Events.Count(e => e.Severity == Severity.Warning);
        var outcome = report.Cancelled ? "cancelled" : report.AnyFailed ? "some-failed" : "ok";
        _lastRun = new WorkerRun(report.RunId, now, end, Math.Round(watch.Elapsed.TotalSeconds, 3), report.GroupsLoaded,
            report.GroupsFailed, warnings, outcome, names);
        Say(Texts.Texts.Get("worker.run-ended", report.RunId, Texts.Texts.Get("worker.outcome." + outcome),
            watch.Elapsed.TotalSeconds.ToString("F1", Texts.Texts.Culture), report.GroupsLoaded, report.GroupsFailed, warnings, report.FactsSent));
        _state = stop.IsCancellationRequested ? "stopping" : "idle";
        Save();
    }

    private void Say(string line)
    {
        log.Information("{Line}", line);
        if (console is null) return;
        lock (console) console.WriteLine(line);
    }

    private readonly Lock _saving = new();

    /// <summary>worker.json now; also called from the stop's callback, so one writer at a time.</summary>
    private void Save()
    {
        lock (_saving)
        try
        {
            new WorkerState(Environment.ProcessId, _state, _started, _lastRun, _nextRun,
                _backoff.ToDictionary(kv => kv.Key.Code(), kv => kv.Value), _note).Save(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("automatic update: {File} could not be written ({Type})", WorkerState.PathOf(dir), e.GetType().Name);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
