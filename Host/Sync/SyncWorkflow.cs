using System.Runtime.ExceptionServices;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Host.Config;
using KonektoSync.Host.Messaging;
using KonektoSync.Host.State;
using KonektoSync.Host.Worker;
using KonektoSync.Load.Csv;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using KonektoSync.Transform.Planning;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>
/// A manual or automatic update, step by step, as it runs:
/// <list type="number">
/// <item>open the run in the state database;</item>
/// <item>discover: check each configured program and list its firms;</item>
/// <item>firms: merge by NIP (rule 1) and assign Płatnik payers (rule 7) — pure;</item>
/// <item>plan: the source of each firm's data kinds (rule 2) and what to read — pure;</item>
/// <item>open the target (local panel or dry-run folder) and deliver what a crashed run left;</item>
/// <item>extract and load: the pipeline streams each program's records; each complete group is
///   one read, one pure decision, one write (<see cref="GroupStep"/>);</item>
/// <item>summaries to clients (rule 11);</item>
/// <item>report: the events go to the event log and the file log, and the run is closed;</item>
/// <item>error report of a failed run, where the option is on (<see cref="Reports.ErrorReports"/>).</item>
/// </list>
/// Every step returns its events as values. An infrastructure fault (a <see cref="SyncFault"/>
/// naming the file, or any unexpected exception) ends the steps, becomes one error event with a
/// remedy, and the run is still reported and closed where the state database allows it.
/// </summary>
public static class SyncWorkflow
{
    public static async Task<SyncReport> Run(
        AppConfig cfg, DataDir dir, SyncRequest request, string? dryRunFolder, TimeProvider clock,
        IProgress<ProgramProgress>? progress, Serilog.ILogger log, CancellationToken cancel, Set<ProgramId>? only = null,
        bool full = false, IChangeSource? changes = null)
    {
        var run = RunId.Of(Guid.NewGuid());
        var options = cfg.ToOptions();
        var events = Seq<SyncEvent>();
        var counts = new Counts(0, 0, 0, 0, 0);
        var cancelled = false;
        Exception? fault = null;
        StateStore? state = null;
        Load.Remote.HttpPanelSink? remote = null;
        try
        {
            state = OpenRun(dir, run, clock);
            // step 2 starts with the change markers: before the first attach, programs whose data,
            // settings and date-dependent outcomes did not move are neither checked nor read
            var today = ChangeMarking.Today(clock);
            var source = changes ?? new ProgramChangeSource(log);
            var markers = dryRunFolder is null && !full
                ? await SyncFaults.At(FaultPlace.State, dir.StateDb,
                    () => ChangeMarking.Before(source, cfg, dir, state, request, today, cancel), cancel)
                : MarkerCheck.Nothing;
            var (discovered, failedCheck) = await Discover(cfg, dir, state, only, markers.Held, cancel);
            events += discovered;
            var found = SyncFaults.At(FaultPlace.State, dir.StateDb, () => state.FirmsFound().ToSeq().Strict());
            var firms = PayerHook.Assemble(found, options.MatchPayers);
            var plan = SyncPlanner.Plan(firms, cfg.PerFirm, cfg.Global, cfg.Selected, request);
            events += firms.Events + plan.Notes;
            var (reads, unreadable) = ProgramReads(cfg, dir, plan, request, failedCheck, only);
            events += unreadable;
            counts = counts with { FirmsPlanned = plan.PerProgram.Values.Sum(s => s.Count) };

            // one state connection for the run's load: closed when the run's steps end
            await using var loader = await SyncFaults.At(FaultPlace.State, dir.StateDb,
                () => Loader.Open(dir.StateDb, clock, SecretKey.Seal(dir), cancel), cancel);
            var (target, peselKey, refilled, recovered) = await OpenTarget(cfg, dir, loader, dryRunFolder, options, clock, cancel);
            events += refilled;
            // a panel that lost what the journal counted as delivered is refilled from what is read: all is read
            var unchanged = refilled.IsEmpty ? ChangeMarking.Unchanged(markers, plan) : Map<ProgramId, ChangeMark>();
            reads = reads.Filter(r => !unchanged.ContainsKey(r.Connector.Program));
            events += unchanged.Values.Map(ChangeMarking.UnchangedEvent).ToSeq();
            if (dryRunFolder is null)
                SyncFaults.At(FaultPlace.State, dir.StateDb, () => { ChangeMarkers.Forget(state.Connection, reads.Map(r => r.Connector.Program)); return unit; });
            // per firm: of the programs to be read, only the firms whose data moved are read
            var chosen = dryRunFolder is null
                ? await SyncFaults.At(FaultPlace.State, dir.StateDb,
                    () => ChangeMarking.Firms(cfg, state, request, today, plan, reads, full || !refilled.IsEmpty, cancel), cancel)
                : FirmChoice.Whole(reads, reads.Map(r => r.Connector.Program));
            reads = chosen.Reads;
            events += chosen.Events;
            remote = target.Remote;
            if (recovered > 0)
                events = events.Add(SyncEvent.Of(Severity.Info, "sync.recovered",
                    $"batches an interrupted run had staged, delivered to the panel first: {recovered}",
                    args: [recovered.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            // connected to a panel server, the server sends the summaries (and keeps their log); activation
            // links of the automatic option go from here, logged in the local data folder's panel.db
            var panel = target.Office;
            var viaServer = target.Remote is not null && request.SendSummary && request.Manual;
            var messenger = panel is not null && (request.SendSummary && !viaServer || options.AutoActivation)
                ? await SyncFaults.At(FaultPlace.Panel, dir.PanelDb,
                    () => Messenger.Open(cfg, dir.PanelDb, clock, cancel), cancel)
                : null;
            var step = new GroupStep(run, target, loader, dir.StateDb, request, options, clock, peselKey, messenger,
                GroupStep.BatchGroups);
            // the group step's panel reads and writes share one connection for the run
            var holding = target.Panel is { } local
                ? await SyncFaults.At(FaultPlace.Panel, target.Path, () => local.Hold(cancel), cancel)
                : null;
            (SyncPipeline.Outcome Outcome, Exception? Stopped) extracted;
            await using (holding)
            {
                extracted = await Extract(reads, step, progress, cancel);
                // the groups held for the last batch are written also after a stop: they were counted as loaded
                extracted.Stopped = await FlushHeld(step, extracted.Stopped);
            }
            var (outcome, stopped) = extracted;
            events += outcome.Events;
            if (loader.Deferring)
            {
                var waiting = await loader.Waiting(SyncService.PanelSinkName, cancel);
                events = events.Add(SyncEvent.Of(Severity.Warning, "panel.waiting",
                    $"the panel server {target.Path} cannot be reached: {waiting} batches wait in the outbox and the next sync delivers them",
                    "start the panel server or check the address and the network; 'konektosync panel status' shows what waits",
                    args: [target.Path, waiting.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            }
            counts = counts with
            {
                Loaded = outcome.GroupsLoaded - step.Unwritten, Failed = outcome.GroupsFailed, Sent = step.Sent, Unchanged = step.Unchanged,
            };
            // the groups handled before a fault or a cancellation keep their events; then the stop goes on
            if (stopped is not null) ExceptionDispatchInfo.Throw(stopped);
            if (dryRunFolder is null)
                await SyncFaults.At(FaultPlace.State, dir.StateDb, async () =>
                {
                    await ChangeMarking.After(source, cfg, dir, state, request, today, run.Value, markers, plan,
                        chosen, events, cancel);
                    return unit;
                }, cancel);

            // summaries tell what the panel holds: none while the panel server waits for this run's batches
            var summarised = outcome.FirmsLoaded + chosen.Unread
                + toSet(unchanged.Keys.Bind(p => plan.PerProgram.Find(p).IfNone(Seq<PlanItem>()).Map(i => i.Firm)));
            if (panel is not null && (messenger is not null || viaServer) && request.SendSummary && loader.Deferring)
                events = events.Add(SyncEvent.Of(Severity.Warning, "summary.panel-waiting",
                    $"no summary was sent: the panel server {target.Path} does not hold this sync's data yet",
                    "run the sync with --send-summary again once the panel server answers; 'konektosync panel status' shows what waits",
                    args: [target.Path]));
            else if (viaServer && target.Remote is { } server)
                events += await ServerSummaries.Ask(server, target.Path, run, request.To, summarised, cancel);
            else if (panel is not null && messenger is not null)
                events += await SyncFaults.At(FaultPlace.Panel, target.Path,
                    () => SyncService.SendSummaries(panel, messenger, cfg, request, options, summarised, cancel), cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            cancelled = true;
            events = events.Add(SyncEvent.Of(Severity.Warning, "sync.cancelled",
                "the sync was stopped on request; every group loaded is whole", "run the sync again to finish"));
        }
        catch (Exception e)
        {
            fault = e;
            events = events.Add(SyncFaults.Describe(e, dir.LogDir));
        }

        var closeFault = Close(state, dir.StateDb, run, clock, events, Outcome(cancelled, fault, events, counts));
        if (closeFault is not null) events = events.Add(SyncFaults.Describe(closeFault, dir.LogDir));
        state?.Dispose();
        Log(log, run, events, fault ?? closeFault);
        if (remote is not null) await Report(remote, run, Outcome(cancelled, fault, events, counts), counts, events, clock);
        var report = new SyncReport(run.Value, counts.Loaded, counts.Failed, counts.Sent, counts.Unchanged,
            counts.FirmsPlanned, events, cancelled, dryRunFolder);
        // step 9: the error report of a failed run, where the option is on; it never changes the outcome
        await Reports.ErrorReports.AfterRun(cfg, dir, report, clock, log, cancel);
        return report;
    }

    /// <summary>Step 6: the pipeline's outcome, also when it stopped (then with what stopped it).</summary>
    private static async Task<(SyncPipeline.Outcome, Exception?)> Extract(Seq<ProgramRead> reads, GroupStep step,
        IProgress<ProgramProgress>? progress, CancellationToken cancel)
    {
        try
        {
            return (await SyncPipeline.Run(reads, step, progress, cancel), null);
        }
        catch (SyncPipeline.Faulted f)
        {
            return (f.SoFar, f.InnerException ?? f);
        }
        catch (SyncPipeline.Cancelled c)
        {
            return (c.SoFar, c);
        }
    }

    /// <summary>Writes what the group step holds; a fault doing so stops the run, unless it already stopped.</summary>
    private static async Task<Exception?> FlushHeld(GroupStep step, Exception? stopped)
    {
        try
        {
            // bounded (one batch of groups) and local: a stop does not cut it short
            await step.Flush(CancellationToken.None);
            return stopped;
        }
        catch (Exception e)
        {
            return stopped ?? e;
        }
    }

    private sealed record Counts(int Loaded, int Failed, int Sent, int Unchanged, int FirmsPlanned);

    /// <summary>Step 1: the run is opened in the state database.</summary>
    private static StateStore OpenRun(DataDir dir, RunId run, TimeProvider clock) =>
        SyncFaults.At(FaultPlace.State, dir.StateDb, () =>
        {
            dir.Ensure();
            var state = StateStore.Open(dir.StateDb);
            try { state.StartRun(run.Value, clock.GetLocalNow()); }
            catch { state.Dispose(); throw; }
            return state;
        });

    /// <summary>
    /// Step 2: each configured program is checked and lists its firms (kept in the state
    /// database). A program that fails is not read in this sync: one error says why. With
    /// <paramref name="only"/> (an automatic update of the programs whose data changed), the other
    /// programs are neither checked nor read; nor are the programs whose change marker holds
    /// (<paramref name="held"/>): their firms stay as discovery last found them, in unchanged data.
    /// </summary>
    private static async Task<(Seq<SyncEvent>, Set<ProgramId>)> Discover(
        AppConfig cfg, DataDir dir, StateStore state, Set<ProgramId>? only, Map<ProgramId, ChangeMark> held, CancellationToken cancel)
    {
        var events = Seq<SyncEvent>();
        var failed = Set<ProgramId>();
        foreach (var (id, entry) in Connectors.Configured(cfg))
        {
            if (only is { } o && !o.Contains(id) || held.ContainsKey(id)) continue;
            var problem = await Discovery.Guarded(id, entry, dir, state, cancel);
            if (problem is null) continue;
            failed = failed.TryAdd(id);
            events = events.Add(problem);
        }
        return (events, failed);
    }

    /// <summary>What each program reads; a planned program that cannot be read gives one error per firm and kind.</summary>
    private static (Seq<ProgramRead>, Seq<SyncEvent>) ProgramReads(
        AppConfig cfg, DataDir dir, SyncPlan plan, SyncRequest request, Set<ProgramId> failedCheck, Set<ProgramId>? only)
    {
        var reads = Seq<ProgramRead>();
        var problems = Seq<SyncEvent>();
        foreach (var (program, items) in plan.PerProgram)
        {
            if (failedCheck.Contains(program) || only is { } o && !o.Contains(program)) continue;
            var read = Connectors.Find(program).ToEither(Problem.Of("program.not-available",
                    $"{program}: no connector in this version (see docs/STATUS.md)", program.ToString()))
                .Bind(connector => cfg.Programs.TryGetValue(program.Code(), out var entry) && entry.Enabled
                    ? Connectors.Resolve(program, entry, dir).Map(config => new ProgramRead(connector, config,
                        new ReadPlan(items.Map(i => new ReadItem(i.FirmKey, i.Firm, i.Kinds)), request.From, request.To)))
                    : Problem.Of("program.not-configured",
                        $"{program} is not configured: run 'konektosync programs set {program.Code()} ...'",
                        program.ToString(), program.Code()));
            read.Match(
                Right: r => reads = reads.Add(r),
                Left: problem => problems += items.Bind(i => i.Kinds.ToSeq().Map(k =>
                    SyncEvent.FromProblem(Severity.Error, problem, "", program, i.Firm, k))));
        }
        return (reads, problems);
    }

    /// <summary>
    /// Step 5: the sink (the local panel, or the dry run's CSV folder compared with the panel's
    /// journal) and the loader. The panel's mark is compared with the journal's: a new, emptied or
    /// restored panel makes the journal forget what it counted as delivered (one warning says so),
    /// so what the panel lacks is sent again. Then batches a crashed run left staged are delivered.
    /// </summary>
    private static async Task<(SyncTarget, PeselKey, Seq<SyncEvent> Refilled, int Recovered)> OpenTarget(AppConfig cfg, DataDir dir,
        Loader loader, string? dryRunFolder, Options options,
        TimeProvider clock, CancellationToken cancel)
    {
        var peselKey = await SyncFaults.At(FaultPlace.State, dir.StateDb,
            () => Task.FromResult(SecretKey.PeselKey(dir)), cancel);
        if (dryRunFolder is not null)
        {
            var csv = await SyncFaults.At(FaultPlace.DryRun, dryRunFolder, () => CsvDryRunSink.Create(dryRunFolder, cancel), cancel);
            var mark = await SyncFaults.At(FaultPlace.Panel, dir.PanelDb, () => LocalPanel.PeekMark(dir.PanelDb, cancel), cancel);
            var lacking = await SyncFaults.At(FaultPlace.State, dir.StateDb,
                () => loader.DistrustIfMismatched(SyncService.PanelSinkName, mark, cancel), cancel);
            return (SyncTarget.Of(csv, null, FaultPlace.DryRun, dryRunFolder), peselKey,
                lacking.Map(m => SyncService.Refilled(dir.PanelDb, m, dryRun: true)).ToSeq(), 0);
        }
        var remote = RemotePanel.Open(cfg, dir, options.UpdateBasicData)
            .IfLeft(p => throw new InvalidOperationException(p.Message));
        if (remote.Case is Load.Remote.HttpPanelSink http)
            return await OpenRemote(http, cfg.Panel!.Url, loader, peselKey, cancel);
        var panel = await SyncFaults.At(FaultPlace.Panel, dir.PanelDb,
            () => LocalPanel.Open(dir.PanelDb, options.UpdateBasicData, clock, peselKey, cancel), cancel);
        var target = SyncTarget.Of(panel, panel, FaultPlace.Panel, dir.PanelDb);
        var mismatch = await SyncFaults.At(FaultPlace.State, dir.StateDb,
            () => loader.Reconcile(SyncService.PanelSinkName, target.Sink, cancel), cancel);
        var recovered = await SyncFaults.At(FaultPlace.State, dir.StateDb,
            () => loader.Recover(SyncService.PanelSinkName, target.Sink, cancel), cancel);
        return (target, peselKey, mismatch.Map(m => SyncService.Refilled(dir.PanelDb, m)).ToSeq(), recovered);
    }

    // A panel server that cannot be reached stops no sync: every batch waits in the outbox.
    private static async Task<(SyncTarget, PeselKey, Seq<SyncEvent> Refilled, int Recovered)> OpenRemote(
        Load.Remote.HttpPanelSink http, string url, Loader loader, PeselKey peselKey, CancellationToken cancel)
    {
        var target = SyncTarget.Of(http, null, FaultPlace.Panel, url) with { Remote = http };
        try
        {
            var mismatch = await loader.Reconcile(SyncService.PanelSinkName, target.Sink, cancel);
            var recovered = await loader.Recover(SyncService.PanelSinkName, target.Sink, cancel);
            return (target, peselKey, mismatch.Map(m => SyncService.Refilled(url, m)).ToSeq(), recovered);
        }
        catch (Exception e) when (target.Sink.IsDown(e) && !cancel.IsCancellationRequested)
        {
            loader.Defer();
            return (target, peselKey, Seq<SyncEvent>(), 0);
        }
    }

    // The run and its events go to the panel server too (GET /api/v1/runs); a server that cannot
    // be reached misses this report only: the event log keeps it.
    private static async Task Report(Load.Remote.HttpPanelSink remote, RunId run, string outcome, Counts counts,
        Seq<SyncEvent> events, TimeProvider clock)
    {
        using var _ = remote;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await remote.RecordRun(new
            {
                run = run.Value, endedAt = clock.GetUtcNow(), outcome, groupsLoaded = counts.Loaded, groupsFailed = counts.Failed,
                factsSent = counts.Sent, factsUnchanged = counts.Unchanged,
                events = events.Map(e => new
                {
                    severity = e.Severity.ToString().ToLowerInvariant(), code = e.Code, message = e.Message,
                    firm = e.Firm.Map(n => n.Value).IfNoneUnsafe((string?)null),
                    // as the log command shows it: the text and the remedy in the sync's language
                    text = Texts.Texts.Of(e), remedy = Texts.Texts.Remedy(e),
                }).ToArray(),
            }, timeout.Token);
        }
        catch (Exception e) when (remote.IsDown(e) || e is Load.Remote.PanelRefusedException or OperationCanceledException)
        {
        }
    }

    private static string Outcome(bool cancelled, Exception? fault, Seq<SyncEvent> events, Counts counts) =>
        fault is not null ? "failed"
        : cancelled ? "cancelled"
        : counts.Failed > 0 || events.Exists(e => e.Severity == Severity.Error) ? "some-failed"
        : "ok";

    /// <summary>Step 8: the events are appended to the event log and the run closed; a fault doing so is returned.</summary>
    private static Exception? Close(StateStore? state, string path, RunId run, TimeProvider clock, Seq<SyncEvent> events, string outcome)
    {
        if (state is null) return null;
        try
        {
            var now = clock.GetLocalNow();
            state.Append(run.Value, now, events);
            state.FinishRun(run.Value, now, outcome);
            return null;
        }
        catch (Exception e)
        {
            return new SyncFault(FaultPlace.State, path, e);
        }
    }

    /// <summary>The file log gets every event, and for a fault its exception type and stack (no message parts that may hold secrets).</summary>
    private static void Log(Serilog.ILogger log, RunId run, Seq<SyncEvent> events, Exception? fault)
    {
        foreach (var e in events) EventLogging.Write(log, run.Value, e);
        if (KonektoSync.Extract.Engines.Firebird.EngineRoot.TakeNote() is { } note)
            log.ForContext("RunId", run.Value).Information("embedded Firebird: {Note}", note);
        var cause = fault is SyncFault { InnerException: { } inner } ? inner : fault;
        if (cause is not null)
            log.ForContext("RunId", run.Value).Error("fault {Type} at{NewLine}{Stack}",
                cause.GetType().FullName, Environment.NewLine, cause.StackTrace);
    }
}
