using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using LanguageExt;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Journal;

/// <summary>What a load did for one (firm, data kind) group.</summary>
public sealed record LoadOutcome(
    RunId Run, string Sink, Nip Firm, DataKind Kind,
    int New, int Changed, int Unchanged, int Delivered,
    Seq<FactKey> Disappeared);

/// <summary>
/// Loads groups of facts into a sink through the outbox of the state database, as a read
/// (<see cref="ReadJournal"/>), a pure decision (<see cref="LoadPlan.Decide"/>) and a write
/// (<see cref="Deliver"/>: stage, deliver, confirm). See docs/load.md for why a crash at any
/// point loses and duplicates nothing.
/// </summary>
public sealed class Loader : IAsyncDisposable
{
    private readonly string stateDbPath;
    private readonly TimeProvider clock;
    private readonly PeselSeal seal;
    private readonly System.Collections.Generic.HashSet<string> notTrusted = new(StringComparer.Ordinal);
    private bool deferring;
    private SqliteConnection? state;

    private Loader(string stateDbPath, TimeProvider clock, PeselSeal seal) =>
        (this.stateDbPath, this.clock, this.seal) = (stateDbPath, clock, seal);

    /// <summary>Opens the state database, creating the load tables when missing;
    /// <paramref name="seal"/> seals the PESELs of the bodies the outbox holds.</summary>
    public static async Task<Loader> Open(string stateDbPath, TimeProvider clock, PeselSeal seal,
        CancellationToken cancel)
    {
        var loader = new Loader(stateDbPath, clock, seal);
        try
        {
            await StateSchema.Ensure(await loader.Connect(cancel).ConfigureAwait(false), cancel).ConfigureAwait(false);
        }
        catch
        {
            await loader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return loader;
    }

    /// <summary>
    /// Loads a group in one go: delivers what crashed runs left, then the group's read
    /// (<see cref="ReadJournal"/>), decision (<see cref="LoadPlan.Decide"/>) and write
    /// (<see cref="Deliver"/>). <paramref name="sinkName"/> names the journal to compare with and
    /// to advance; for a dry-run sink it is the real panel's name and nothing is advanced.
    /// </summary>
    public async Task<LoadOutcome> Load(RunId run, string sinkName, LoadCommand command,
        IPanelSink sink, CancellationToken cancel)
    {
        if (!sink.IsDryRun) await Recover(sinkName, sink, cancel).ConfigureAwait(false);
        var journal = await ReadJournal(sinkName, command.Firm, command.Kind, cancel).ConfigureAwait(false);
        var plan = LoadPlan.Decide(command, journal, sink.WantsUnchanged);
        var batch = Batch(run, command, plan);
        await Deliver(sinkName, batch, sink, cancel).ConfigureAwait(false);
        return new LoadOutcome(run, sinkName, command.Firm, command.Kind, plan.New,
            plan.Changed, plan.Unchanged, batch.Items.Count, plan.Disappeared);
    }

    /// <summary>The batch a load plan sends for a command.</summary>
    public static DeliveryBatch Batch(RunId run, LoadCommand command, LoadPlan plan) =>
        new(run, command.Firm, command.Kind, command.Approve, plan.Deliver);

    /// <summary>What the journal of <paramref name="sinkName"/> last confirmed for a (firm, kind) group.</summary>
    public async Task<IReadOnlyDictionary<string, Confirmed>> ReadJournal(string sinkName, Nip firm,
        DataKind kind, CancellationToken cancel)
    {
        if (notTrusted.Contains(sinkName)) return new Dictionary<string, Confirmed>(StringComparer.Ordinal);
        var connection = await Connect(cancel).ConfigureAwait(false);
        return await JournalStore.ReadGroup(connection, sinkName, firm, kind, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a batch: staged in the outbox, delivered to the sink, confirmed (journal advanced).
    /// A dry-run sink gets the batch and nothing is staged or advanced. An empty batch is nothing.
    /// </summary>
    public Task Deliver(string sinkName, DeliveryBatch batch, IPanelSink sink, CancellationToken cancel) =>
        DeliverAll(sinkName, [batch], sink, cancel);

    /// <summary>
    /// Writes batches of several groups together, in their order: all staged in one transaction,
    /// delivered to the sink (<see cref="IPanelSink.DeliverAll"/>: the local panel applies them in
    /// one transaction), all confirmed in one transaction. Each batch keeps its own outbox entry,
    /// so a crash at any point leaves each in one of the states docs/load.md lists. The batches
    /// must be of different (firm, data kind) groups: each was decided against the journal before
    /// the others were confirmed. <paramref name="staged"/> is called once they are staged (from
    /// then on they are in the outbox whatever happens; for a dry run, once delivered).
    /// </summary>
    public async Task DeliverAll(string sinkName, IReadOnlyList<DeliveryBatch> batches, IPanelSink sink,
        CancellationToken cancel, Action? staged = null)
    {
        var going = batches.Where(b => b.Items.Count > 0).ToList();
        if (going.Count == 0) return;
        if (sink.IsDryRun)
        {
            foreach (var batch in going) await sink.Deliver(batch, cancel).ConfigureAwait(false);
            staged?.Invoke();
            return;
        }
        var connection = await Connect(cancel).ConfigureAwait(false);
        var ids = await Outbox.Stage(connection, sinkName, going, clock.GetUtcNow(), seal, cancel)
            .ConfigureAwait(false);
        staged?.Invoke();
        if (deferring) return;
        IReadOnlyList<SinkReceipt> receipts;
        try
        {
            receipts = await sink.DeliverAll(going.Select((b, i) => b with { OutboxId = ids[i] }).ToList(), cancel)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (sink.IsDown(e) && !cancel.IsCancellationRequested)
        {
            deferring = true;
            return;
        }
        await Outbox.Confirm(connection, ids.Select((id, i) => (id, receipts[i].Mark)).ToList(),
            clock.GetUtcNow(), cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// From now on batches are staged and not delivered: the panel is down (<see cref="IPanelSink.IsDown"/>),
    /// so they wait in the outbox, in order, for the next run's recovery.
    /// </summary>
    public void Defer() => deferring = true;

    /// <summary>True once the panel was found down in this run (<see cref="Defer"/>).</summary>
    public bool Deferring => deferring;

    /// <summary>How many batches of <paramref name="sinkName"/> wait in the outbox.</summary>
    public async Task<int> Waiting(string sinkName, CancellationToken cancel)
    {
        var connection = await Connect(cancel).ConfigureAwait(false);
        return await Outbox.CountPending(connection, sinkName, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers and confirms, oldest first, the batches a crashed run left staged for
    /// <paramref name="sinkName"/>; returns how many.
    /// </summary>
    public async Task<int> Recover(string sinkName, IPanelSink sink, CancellationToken cancel)
    {
        var connection = await Connect(cancel).ConfigureAwait(false);
        var pending = await Outbox.Pending(connection, sinkName, seal, cancel).ConfigureAwait(false);
        foreach (var p in pending)
        {
            var receipt = await sink.Deliver(p.Batch, cancel).ConfigureAwait(false);
            await Outbox.Confirm(connection, p.Id, clock.GetUtcNow(), cancel, receipt.Mark)
                .ConfigureAwait(false);
        }
        return pending.Count;
    }

    /// <summary>
    /// Compares the sink's mark with the one the journal of <paramref name="sinkName"/> last
    /// confirmed. When the panel is another one (new or emptied: another identity) or an older
    /// copy (a lower generation), or the journal holds facts without any mark, the journal is
    /// forgotten, so every fact is sent again as the syncs read it; returns what was found then.
    /// A panel ahead of the journal is a delivery whose confirmation a crash cut off: the
    /// staged batch is delivered again by <see cref="Recover"/>, nothing is forgotten.
    /// </summary>
    public async Task<Option<PanelMismatch>> Reconcile(string sinkName, IPanelSink sink,
        CancellationToken cancel)
    {
        var mark = await sink.Mark(cancel).ConfigureAwait(false);
        if (mark is null) return None;
        var connection = await Connect(cancel).ConfigureAwait(false);
        var kept = await JournalStore.ReadMark(connection, sinkName, cancel).ConfigureAwait(false);
        var delivered = await JournalStore.Count(connection, sinkName, cancel).ConfigureAwait(false);
        var reason = PanelMismatch.Compare(kept, mark, delivered);
        // the first run on an empty journal keeps the mark; a mismatch forgets and keeps it
        if (reason.IsSome || kept is null)
            await JournalStore.Forget(connection, sinkName, mark, cancel).ConfigureAwait(false);
        return reason.Map(r => new PanelMismatch(r, delivered));
    }

    /// <summary>
    /// For a dry run, which changes nothing: compares the panel's mark as it is (null: no panel
    /// file, or one without a mark) with the journal's, as <see cref="Reconcile"/> would. On a
    /// mismatch this loader reads the journal of <paramref name="sinkName"/> as empty, so the dry
    /// run shows as new what the next sync sends again; the journal itself is kept.
    /// </summary>
    public async Task<Option<PanelMismatch>> DistrustIfMismatched(string sinkName, PanelMark? mark,
        CancellationToken cancel)
    {
        var connection = await Connect(cancel).ConfigureAwait(false);
        var kept = await JournalStore.ReadMark(connection, sinkName, cancel).ConfigureAwait(false);
        var delivered = await JournalStore.Count(connection, sinkName, cancel).ConfigureAwait(false);
        // a missing or unmarked panel gets a new identity when a sync opens it
        var reason = mark is null
            ? (delivered == 0 ? None : Some(MismatchReason.OtherPanel))
            : PanelMismatch.Compare(kept, mark, delivered);
        if (reason.IsSome) notTrusted.Add(sinkName);
        return reason.Map(r => new PanelMismatch(r, delivered));
    }

    /// <summary>Moves the journal rows of a firm to keyed PESEL digests (<see cref="PeselRekey"/>); how many changed.</summary>
    public async Task<int> Rekey(string sinkName, Nip firm, PeselRekey rekey, CancellationToken cancel)
    {
        if (rekey.IsEmpty) return 0;
        var connection = await Connect(cancel).ConfigureAwait(false);
        return await rekey.Journal(connection, sinkName, firm, cancel).ConfigureAwait(false);
    }

    // One connection to the state database for the loader's life (a sync run): its statements
    // are prepared once and reused, and no group pays for opening the file.
    private async Task<SqliteConnection> Connect(CancellationToken cancel) =>
        state ??= await SqliteFile.Open(stateDbPath, cancel).ConfigureAwait(false);

    /// <summary>Closes the state database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (state is { } c)
        {
            state = null;
            await c.DisposeAsync().ConfigureAwait(false);
        }
    }
}
