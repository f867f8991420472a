using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using LanguageExt;
using Microsoft.Data.Sqlite;

namespace KonektoSync.Load.Journal;

/// <summary>What a load did for one (firm, data kind) group.</summary>
public sealed record LoadOutcome(
    RunId Run, string Sink, Nip Firm, DataKind Kind,
    int New, int Changed, int Unchanged, int Delivered,
    Seq<FactKey> Disappeared);

/// <summary>
/// Loads groups of facts into a sink through the outbox of the state database: decide
/// against the journal (pure), stage, deliver, confirm. See docs/load.md for why a crash
/// at any point loses and duplicates nothing.
/// </summary>
public sealed class Loader
{
    private readonly string stateDbPath;
    private readonly TimeProvider clock;

    private Loader(string stateDbPath, TimeProvider clock) =>
        (this.stateDbPath, this.clock) = (stateDbPath, clock);

    /// <summary>Opens the state database, creating the load tables when missing.</summary>
    public static async Task<Loader> Open(string stateDbPath, TimeProvider clock,
        CancellationToken cancel)
    {
        await StateSchema.Ensure(stateDbPath, cancel).ConfigureAwait(false);
        return new Loader(stateDbPath, clock);
    }

    /// <summary>
    /// Loads a group. <paramref name="sinkName"/> names the journal to compare with and to
    /// advance; for a dry-run sink it is the real panel's name and nothing is advanced.
    /// Batches a crashed run left for this sink are delivered first, in order.
    /// </summary>
    public async Task<LoadOutcome> Load(RunId run, string sinkName, LoadCommand command,
        IPanelSink sink, CancellationToken cancel)
    {
        if (!sink.IsDryRun) await Recover(sinkName, sink, cancel).ConfigureAwait(false);
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        var journal = await JournalStore.ReadGroup(connection, sinkName, command.Firm,
            command.Kind, cancel).ConfigureAwait(false);
        var plan = LoadPlan.Decide(command, journal, sink.WantsUnchanged);
        var batch = new DeliveryBatch(run, command.Firm, command.Kind, command.Approve,
            plan.Deliver);
        if (batch.Items.Count > 0)
            await Send(connection, sinkName, batch, sink, cancel).ConfigureAwait(false);
        return new LoadOutcome(run, sinkName, command.Firm, command.Kind, plan.New,
            plan.Changed, plan.Unchanged, batch.Items.Count, plan.Disappeared);
    }

    /// <summary>
    /// Delivers and confirms, oldest first, the batches a crashed run left staged for
    /// <paramref name="sinkName"/>; returns how many.
    /// </summary>
    public async Task<int> Recover(string sinkName, IPanelSink sink, CancellationToken cancel)
    {
        await using var connection = await Connect(cancel).ConfigureAwait(false);
        var pending = await Outbox.Pending(connection, sinkName, cancel).ConfigureAwait(false);
        foreach (var p in pending)
        {
            await sink.Deliver(p.Batch, cancel).ConfigureAwait(false);
            await Outbox.Confirm(connection, p.Id, clock.GetUtcNow(), cancel)
                .ConfigureAwait(false);
        }
        return pending.Count;
    }

    private async Task Send(SqliteConnection connection, string sinkName,
        DeliveryBatch batch, IPanelSink sink, CancellationToken cancel)
    {
        if (sink.IsDryRun)
        {
            await sink.Deliver(batch, cancel).ConfigureAwait(false);
            return;
        }
        var id = await Outbox.Stage(connection, sinkName, batch, clock.GetUtcNow(), cancel)
            .ConfigureAwait(false);
        await sink.Deliver(batch, cancel).ConfigureAwait(false);
        await Outbox.Confirm(connection, id, clock.GetUtcNow(), cancel).ConfigureAwait(false);
    }

    private Task<SqliteConnection> Connect(CancellationToken cancel) =>
        SqliteFile.Open(stateDbPath, cancel);
}
