using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Host.Config;
using KonektoSync.Host.State;
using KonektoSync.Load.Csv;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using KonektoSync.Transform.Facts;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Panel;
using KonektoSync.Transform.Planning;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>What a sync did, for the command's output and exit code.</summary>
public sealed record SyncReport(
    string RunId, int GroupsLoaded, int GroupsFailed, int FactsSent, int FactsUnchanged,
    int FirmsPlanned, Seq<SyncEvent> Events, bool Cancelled, string? DryRunFolder)
{
    public bool AnyFailed => GroupsFailed > 0 || Events.Exists(e => e.Severity == Severity.Error);
}

/// <summary>
/// A manual or automatic update, whole: discover → merge → plan (pure) → extract through the
/// channel pipeline → per group: facts (pure) → journal/outbox → sink → summaries and
/// activations → event log. The panel sink's name is the same for the dry run, so the dry run's
/// new/changed/unchanged marks compare with what the real panel confirmed.
/// </summary>
public static class SyncService
{
    public const string PanelSinkName = "local-panel";

    public static async Task<SyncReport> Run(
        AppConfig cfg, DataDir dir, SyncRequest request, string? dryRunFolder, TimeProvider clock,
        IProgress<ProgramProgress>? progress, Serilog.ILogger log, CancellationToken cancel)
    {
        dir.Ensure();
        var run = RunId.Of(Guid.NewGuid());
        using var state = StateStore.Open(dir.StateDb);
        state.StartRun(run.Value, clock.GetLocalNow());
        var events = new List<SyncEvent>();
        var failedCheck = new System.Collections.Generic.HashSet<ProgramId>();

        foreach (var (id, entry) in Connectors.Configured(cfg))
        {
            var found = await Discovery.CheckAndDiscover(id, entry, dir, state, cancel);
            if (found.Problem is { } p)
            {
                failedCheck.Add(id);
                events.Add(SyncEvent.FromProblem(Severity.Error, p,
                    $"fix the configuration: konektosync programs check {id.Code()}", id));
            }
        }
        var merged = FirmMerge.Merge(state.FirmsFound().ToSeq());
        var plan = SyncPlanner.Plan(merged.Firms, cfg.PerFirm, cfg.Global, cfg.Selected, request);
        events.AddRange(merged.Events);
        events.AddRange(plan.Notes);

        // a program that failed its check is not read: its one error says why, not one per firm and kind
        var (reads, unreadable) = ProgramReads(cfg, dir, plan, request, failedCheck);
        events.AddRange(unreadable);

        var options = cfg.ToOptions();
        IPanelSink sink;
        LocalPanel? panel = null;
        if (dryRunFolder is not null) sink = await CsvDryRunSink.Create(dryRunFolder, cancel);
        else sink = panel = await LocalPanel.Open(dir.PanelDb, options.UpdateBasicData, clock, cancel);
        var loader = await Loader.Open(dir.StateDb, clock, cancel);
        var handler = new GroupHandler(run, sink, panel, loader, request, options, clock);

        var cancelled = false;
        SyncPipeline.Outcome? outcome = null;
        try
        {
            outcome = await SyncPipeline.Run(reads, handler, progress, cancel);
            events.AddRange(outcome.Events);
            if (panel is not null && !cancel.IsCancellationRequested)
                events.AddRange(await SendSummaries(panel, cfg, request, options, outcome.FirmsLoaded, clock, cancel));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            cancelled = true;
            events.Add(SyncEvent.Of(Severity.Warning, "sync.cancelled",
                "the sync was stopped on request; every group loaded is whole", "run the sync again to finish"));
        }

        var now = clock.GetLocalNow();
        state.Append(run.Value, now, events);
        foreach (var e in events) EventLogging.Write(log, run.Value, e);
        var report = new SyncReport(run.Value, outcome?.GroupsLoaded ?? handler.Loaded, outcome?.GroupsFailed ?? 0,
            handler.Sent, handler.Unchanged, plan.PerProgram.Values.Sum(s => s.Count), events.ToSeq(), cancelled, dryRunFolder);
        state.FinishRun(run.Value, now, cancelled ? "cancelled" : report.AnyFailed ? "some-failed" : "ok");
        return report;
    }

    private static (Seq<ProgramRead>, Seq<SyncEvent>) ProgramReads(
        AppConfig cfg, DataDir dir, SyncPlan plan, SyncRequest request, IReadOnlySet<ProgramId> failedCheck)
    {
        var reads = new List<ProgramRead>();
        var problems = new List<SyncEvent>();
        foreach (var (program, items) in plan.PerProgram)
        {
            if (failedCheck.Contains(program)) continue;
            var problem = Connectors.Find(program).IsNone
                ? Problem.Of("program.not-available", $"{program}: no connector in this version (see docs/STATUS.md)", program.ToString())
                : !cfg.Programs.TryGetValue(program.Code(), out var entry) || !entry.Enabled
                    ? Problem.Of("program.not-configured",
                        $"{program} is not configured: run 'konektosync programs set {program.Code()} ...'", program.ToString(), program.Code())
                    : null;
            if (problem is null)
            {
                var resolved = Connectors.Resolve(program, cfg.Programs[program.Code()], dir);
                if (resolved.IsRight)
                {
                    reads.Add(new ProgramRead(Connectors.Find(program).Head(), resolved.RightToSeq().Head,
                        new ReadPlan(items.Map(i => new ReadItem(i.FirmKey, i.Firm, i.Kinds)), request.From, request.To)));
                    continue;
                }
                problem = resolved.LeftToSeq().Head;
            }
            problems.AddRange(items.Bind(i => i.Kinds.ToSeq().Map(k =>
                SyncEvent.FromProblem(Severity.Error, problem, "", program, i.Firm, k))));
        }
        return (reads.ToSeq(), problems.ToSeq());
    }

    /// <summary>Rule 11: on a manual update asked to, the summary of the last month to each firm loaded.</summary>
    private static async Task<Seq<SyncEvent>> SendSummaries(LocalPanel panel, AppConfig cfg, SyncRequest request,
        Options options, Set<Nip> firms, TimeProvider clock, CancellationToken cancel)
    {
        if (!request.SendSummary) return Seq<SyncEvent>();
        var events = new List<SyncEvent>();
        foreach (var firm in firms)
            events.Add(await SendSummary(panel, firm, cfg.ChannelsOf(firm), request, options, clock, cancel));
        return events.ToSeq();
    }

    public static async Task<SyncEvent> SendSummary(LocalPanel panel, Nip firm, Channels channels, SyncRequest request,
        Options options, TimeProvider clock, CancellationToken cancel)
    {
        switch (Summaries.Decide(request, channels, options, request.To))
        {
            case SummaryDecision.Send send:
                var sent = new Channels(send.Channels.Contains(SummaryChannel.Sms), send.Channels.Contains(SummaryChannel.Email));
                await panel.RecordSummary(firm, send.Month, sent, clock.GetLocalNow(), cancel);
                var how = string.Join(", ", send.Channels.Map(c => c.ToString().ToLowerInvariant()));
                return SyncEvent.Of(Severity.Info, "summary.sent", $"summary of {send.Month} sent by {how}", "",
                    firm: firm, period: send.Month, args: [send.Month.ToString(), how]);
            case SummaryDecision.NotSent no:
                return SyncEvent.FromProblem(Severity.Info, no.Why,
                    "turn on the client's SMS or e-mail channel (and the mail settings for e-mail)", firm: firm);
            default:
                throw new InvalidOperationException("unknown summary decision");
        }
    }

    /// <summary>Per complete group: facts (pure), then the journaled load, then activations.</summary>
    private sealed class GroupHandler(
        RunId run, IPanelSink sink, LocalPanel? panel, Loader loader, SyncRequest request, Options options,
        TimeProvider clock) : IGroupHandler
    {
        public int Loaded { get; private set; }
        public int Sent { get; private set; }
        public int Unchanged { get; private set; }

        public async Task<Seq<SyncEvent>> Complete(ProgramId program, Nip firm, DataKind kind,
            IReadOnlyList<SourceRecord> records, CancellationToken cancel)
        {
            var built = FactBuilder.Build(program, firm, kind, records.ToSeq(), request.From, request.To,
                BuildOptions.For(program, options, PayerType.Other, DateOnly.FromDateTime(clock.GetLocalNow().DateTime)));
            var known = kind == DataKind.Basic && panel is not null ? await KnownPeople(panel, firm, cancel) : Seq<Person>();
            var command = Approval.ToLoadCommand(request, firm, kind, built.Facts) with
                { Months = Some((request.From, request.To)) };
            var outcome = await loader.Load(run, PanelSinkName, command, sink, cancel);
            Loaded++;
            Sent += outcome.Delivered;
            Unchanged += outcome.Unchanged;
            var events = built.Events + Disappeared.Report(outcome.Disappeared, program)
                .Map(e => e with { Firm = Some(firm), Kind = Some(kind) });
            if (panel is not null && kind == DataKind.Basic)
                events += await Activate(panel, firm, known, built.Facts, cancel);
            return events + Seq1(SyncEvent.Of(Severity.Info, "group.loaded",
                $"{program}: {kind.Code()} of {firm.Formatted}: {outcome.New} new, {outcome.Changed} changed, {outcome.Unchanged} unchanged",
                program: program, firm: firm, kind: kind,
                args: [program.ToString(), kind.Code(), firm.Formatted, $"{outcome.New}", $"{outcome.Changed}", $"{outcome.Unchanged}"]));
        }

        /// <summary>Rule 12: activation links to users newly found with an e-mail, when the option is on.</summary>
        private async Task<Seq<SyncEvent>> Activate(LocalPanel panel, Nip firm, Seq<Person> known, Seq<Fact> facts,
            CancellationToken cancel)
        {
            var found = facts.Choose(f => f.Body is FactBody.BasicData b ? Some(b.Firm.People) : None).Bind(p => p);
            var events = new List<SyncEvent>();
            foreach (var message in Activation.NewUsers(known, found, options.AutoActivation))
                if (await panel.RecordActivation(firm, message.User, message.Email, clock.GetLocalNow(), cancel))
                    events.Add(SyncEvent.Of(Severity.Info, "activation.sent",
                        $"activation link sent to {message.User.FullName} <{message.Email}>", "",
                        firm: firm, kind: DataKind.Basic, args: [message.User.FullName, message.Email]));
            return events.ToSeq();
        }

        private static async Task<Seq<Person>> KnownPeople(LocalPanel panel, Nip firm, CancellationToken cancel) =>
            (await panel.ShowFirm(firm, cancel)).Match(
                Right: view => view.People.Select(p => new Person(p.FirstName, p.LastName, None,
                    Nip.Create(p.Nip).ToOption(), Optional(p.Email).Filter(e => e.Length > 0),
                    Optional(p.Phone).Filter(x => x.Length > 0),
                    p.Role == "Owner" ? PersonRole.Owner : PersonRole.Partner)).ToSeq(),
                Left: _ => Seq<Person>());
    }
}
