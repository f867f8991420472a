using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Host.Messaging;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using KonektoSync.Transform.Panel;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Planning;
using KonektoSync.Transform.Rules;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Host.Sync;

/// <summary>
/// Where a sync writes: the local panel, or a dry run's CSV folder (then Panel is null). The sink
/// is wrapped so that its faults name its file.
/// </summary>
public sealed record SyncTarget(IPanelSink Sink, LocalPanel? Panel, FaultPlace Place, string Path)
{
    /// <summary>The panel server delivered to, when the sync is connected to one (then Panel is null).</summary>
    public Load.Remote.HttpPanelSink? Remote { get; init; }

    /// <summary>The panel summaries and activations are read from and recorded in: the local panel, or the panel server.</summary>
    public IOfficePanel? Office => Panel is not null ? Panel : Remote;

    public static SyncTarget Of(IPanelSink sink, LocalPanel? panel, FaultPlace place, string path) =>
        new(new MarkedSink(sink, place, path), panel, place, path);

    /// <summary>The sink as the loader sees it, its exceptions marked with the sink's file.</summary>
    private sealed class MarkedSink(IPanelSink inner, FaultPlace place, string path) : IPanelSink
    {
        public string Name => inner.Name;
        public bool WantsUnchanged => inner.WantsUnchanged;
        public bool IsDryRun => inner.IsDryRun;

        public Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel) =>
            SyncFaults.At(place, path, () => inner.Deliver(batch, cancel), cancel);

        public Task<IReadOnlyList<SinkReceipt>> DeliverAll(IReadOnlyList<DeliveryBatch> batches, CancellationToken cancel) =>
            SyncFaults.At(place, path, () => inner.DeliverAll(batches, cancel), cancel);

        public Task<PanelMark?> Mark(CancellationToken cancel) =>
            SyncFaults.At(place, path, () => inner.Mark(cancel), cancel);

        public bool IsDown(Exception e) => inner.IsDown(e is SyncFault { InnerException: { } cause } ? cause : e);
    }
}

/// <summary>
/// The whole decision for one group: the Transform decision (facts, approval, activations,
/// events), the load plan against the journal, the batch to write and every event of the group.
/// </summary>
public sealed record GroupPlan(GroupDecision Decision, LoadPlan Load, DeliveryBatch Batch, Seq<SyncEvent> Events);

/// <summary>
/// One complete (program, firm, data kind) group of a sync, as one read, one pure decision and
/// one write:
/// <list type="number">
/// <item>read: the group's records (handed over by the pipeline), the journal rows of the group,
///   and, for basic data, the panel's users of the firm;</item>
/// <item>decide (<see cref="Decide"/>, pure): <see cref="GroupDecision.Decide"/> (facts, rule 10,
///   rule 12) and <see cref="LoadPlan.Decide"/> (new, changed, unchanged, disappeared);</item>
/// <item>write: the batch staged in the outbox, delivered to the sink and confirmed
///   (<see cref="Loader.Deliver"/>), then the activation links sent (<see cref="Messenger"/>).</item>
/// </list>
/// A fault in the read or the write is a <see cref="SyncFault"/> naming the file.
/// A data folder written before keyed PESEL digests is moved to them on the way
/// (<see cref="PeselRekey"/>): when the group's facts find rows under old digests, the panel and
/// the journal are re-keyed and the group is read and decided again.
/// </summary>
public sealed class GroupStep(RunId run, SyncTarget target, Loader loader, string stateDb, SyncRequest request,
    Options options, TimeProvider clock, PeselKey peselKey, Messenger? messenger = null, int holdGroups = 1) : IGroupHandler
{
    /// <summary>What a sync holds at most before it writes: groups, facts, and time since the first held group.</summary>
    public const int BatchGroups = 64;
    private const int BatchFacts = 4096;
    private static readonly TimeSpan BatchWait = TimeSpan.FromSeconds(2);

    private readonly List<DeliveryBatch> held = [];
    private int heldFacts;
    private long heldSince;

    public int Sent { get; private set; }
    public int Unchanged { get; private set; }

    /// <summary>
    /// Groups whose batches were decided and could not be staged (a fault or a stop before the
    /// outbox took them): they are not loaded, and the next sync decides them again.
    /// </summary>
    public int Unwritten { get; private set; }

    public async Task<Seq<SyncEvent>> Complete(ProgramId program, Nip firm, DataKind kind,
        IReadOnlyList<SourceRecord> records, CancellationToken cancel)
    {
        // a group held for the batch is decided against the journal before it: the same group
        // again (a firm in two programs) is decided only after it is written
        if (held.Exists(b => b.Firm == firm && b.Kind == kind)) await Flush(cancel);
        var (read, decision, journal) = await Read(program, firm, kind, records, cancel);
        var plan = Decide(run, read, decision, journal, target.Sink.WantsUnchanged);
        var rekey = PeselRekey.Of(plan.Decision.Command.Facts, peselKey);
        if (rekey.IsEmpty) return await Write(plan, cancel);
        if (target.Panel is not { } panel)
        {
            // a dry run writes nothing: it compares with the journal as the next sync will move it
            plan = Decide(run, read, decision, rekey.Apply(journal), target.Sink.WantsUnchanged);
            return await Write(plan, cancel);
        }
        // the panel first: a stop between the two leaves a journal that the next run moves too
        var moved = await SyncFaults.At(FaultPlace.Panel, target.Path, () => panel.Rekey(firm, rekey, cancel), cancel);
        moved += await SyncFaults.At(FaultPlace.State, stateDb,
            () => loader.Rekey(SyncService.PanelSinkName, firm, rekey, cancel), cancel);
        if (moved == 0) return await Write(plan, cancel);
        (read, decision, journal) = await Read(program, firm, kind, records, cancel);
        plan = Decide(run, read, decision, journal, target.Sink.WantsUnchanged);
        var rekeyed = SyncEvent.Of(Severity.Info, "pesel.rekeyed",
            $"{program}: {kind.Code()} of {firm.Formatted}: PESEL digests moved to the data folder's key ({moved} rows)",
            program: program, firm: firm, kind: kind,
            args: [program.ToString(), kind.Code(), firm.Formatted, $"{moved}"]);
        return rekeyed.Cons(await Write(plan, cancel));
    }

    // The group's records and the panel's people are read, the Transform decides (pure), and the
    // journal rows of the group are read.
    private async Task<(GroupRead, GroupDecision, IReadOnlyDictionary<string, Confirmed>)> Read(ProgramId program, Nip firm,
        DataKind kind, IReadOnlyList<SourceRecord> records, CancellationToken cancel)
    {
        var people = kind == DataKind.Basic && target.Panel is { } panel
            ? await SyncFaults.At(FaultPlace.Panel, target.Path, () => PanelPeople(panel, firm, cancel), cancel)
            : Seq<PersonIdentity>();
        var read = new GroupRead(program, firm, kind, toSeq(records.ToArray()), people,
            DateOnly.FromDateTime(clock.GetLocalNow().DateTime), peselKey);
        var decision = GroupDecision.Decide(read, request, options);
        var journal = await SyncFaults.At(FaultPlace.State, stateDb,
            () => loader.ReadJournal(SyncService.PanelSinkName, firm, kind, cancel), cancel);
        return (read, decision, journal);
    }

    /// <summary>The decision for one group, from what was read; pure.</summary>
    public static GroupPlan Decide(RunId run, GroupRead read, IReadOnlyDictionary<string, Confirmed> journal,
        SyncRequest request, Options options, bool wantsUnchanged) =>
        Decide(run, read, GroupDecision.Decide(read, request, options), journal, wantsUnchanged);

    /// <summary>The load plan and events of a group's Transform decision against the journal; pure.</summary>
    public static GroupPlan Decide(RunId run, GroupRead read, GroupDecision decision,
        IReadOnlyDictionary<string, Confirmed> journal, bool wantsUnchanged)
    {
        var load = LoadPlan.Decide(decision.Command, journal, wantsUnchanged);
        var events = decision.Events
            + Disappeared.Report(load.Disappeared, read.Program).Map(e => e with { Firm = Some(read.Firm), Kind = Some(read.Kind) })
            + Seq1(SyncEvent.Of(Severity.Info, "group.loaded",
                $"{read.Program}: {read.Kind.Code()} of {read.Firm.Formatted}: {load.New} new, {load.Changed} changed, {load.Unchanged} unchanged",
                program: read.Program, firm: read.Firm, kind: read.Kind,
                args: [read.Program.ToString(), read.Kind.Code(), read.Firm.Formatted, $"{load.New}", $"{load.Changed}", $"{load.Unchanged}"]));
        return new GroupPlan(decision, load, Loader.Batch(run, decision.Command, load), events.Strict());
    }

    private async Task<Seq<SyncEvent>> Write(GroupPlan plan, CancellationToken cancel)
    {
        Unchanged += plan.Load.Unchanged;
        if (plan.Batch.Items.Count > 0)
        {
            if (held.Count == 0) heldSince = clock.GetTimestamp();
            held.Add(plan.Batch);
            heldFacts += plan.Batch.Items.Count;
        }
        // activations are sent once the firm's data is in the panel
        if (held.Count >= holdGroups || heldFacts >= BatchFacts || clock.GetElapsedTime(heldSince) >= BatchWait
            || (held.Count > 0 && !plan.Decision.Activations.IsEmpty))
            await Flush(cancel, current: plan.Batch.Items.Count > 0);
        var activated = target.Office is { } panel && messenger is not null && !loader.Deferring
            ? await SyncFaults.At(FaultPlace.Panel, target.Path,
                () => Activate(panel, messenger, plan.Batch.Firm, plan.Decision.Activations, cancel), cancel)
            : Seq<SyncEvent>();
        return plan.Events + activated;
    }

    /// <summary>
    /// Writes the batches held (<see cref="Loader.DeliverAll"/>): staged together, delivered,
    /// confirmed together. A sync calls it at its end, also after a stop or a fault, so that every
    /// group it counted as loaded is written.
    /// </summary>
    public Task Flush(CancellationToken cancel) => Flush(cancel, current: false);

    private async Task Flush(CancellationToken cancel, bool current)
    {
        if (held.Count == 0) return;
        var batches = held.ToList();
        held.Clear();
        heldFacts = 0;
        var staged = false;
        try
        {
            // the sink marks its own faults; what else fails here is the outbox in the state database
            await SyncFaults.At(FaultPlace.State, stateDb,
                () => loader.DeliverAll(SyncService.PanelSinkName, batches, target.Sink, cancel, () => staged = true), cancel);
        }
        catch when (!staged)
        {
            // the group being completed fails with the exception; the earlier ones were counted as loaded
            Unwritten += batches.Count - (current ? 1 : 0);
            throw;
        }
        // delivered, or staged for a panel server that is down (then they wait in the outbox)
        Sent += batches.Sum(b => b.Items.Count);
    }

    /// <summary>
    /// Rule 12: sends the activation messages decided; a person is recorded as activated only when
    /// the mail server accepted the message, and each attempt gives an event.
    /// </summary>
    private async Task<Seq<SyncEvent>> Activate(IOfficePanel panel, Messenger sender, Nip firm,
        Seq<ActivationMessage> messages, CancellationToken cancel)
    {
        var events = Seq<SyncEvent>();
        if (messages.IsEmpty) return events;
        var name = (await panel.ShowFirm(firm, cancel)).Match(v => v.Name, _ => firm.Formatted);
        foreach (var message in messages)
        {
            var key = PersonKeys.Of(message.User, peselKey);
            if (await sender.Log.ActivationSent(firm.Value, key, cancel)) continue;
            var (sent, e) = await sender.Activation(firm, name, key, message.User.FullName, message.Email, cancel);
            if (sent) await panel.RecordActivation(firm, message.User, message.Email, clock.GetLocalNow(), cancel);
            events = events.Add(e);
        }
        return events;
    }

    private static Task<Seq<PersonIdentity>> PanelPeople(LocalPanel panel, Nip firm, CancellationToken cancel) =>
        panel.PeopleIdentities(firm, cancel);
}
