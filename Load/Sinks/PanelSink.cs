using KonektoSync.Domain;

namespace KonektoSync.Load.Sinks;

/// <summary>How a fact compares with what the sink's journal last confirmed.</summary>
public enum FactStatus { New, Changed, Unchanged }

/// <summary>One fact to upsert, with its status against the journal.</summary>
public sealed record DeliveryItem(Fact Fact, FactStatus Status);

/// <summary>
/// One (firm, data kind) group for a sink. The sink applies it whole or not at all and
/// upserts by natural key (<see cref="FactKey.Text"/>), so delivering it again is harmless.
/// </summary>
public sealed record DeliveryBatch(
    RunId Run, Nip Firm, DataKind Kind, bool Approve, IReadOnlyList<DeliveryItem> Items)
{
    /// <summary>
    /// The outbox's number of the batch once staged (null before): with the run it names the
    /// batch to a remote panel, which applies a batch it already holds only once.
    /// </summary>
    public long? OutboxId { get; init; }

    /// <summary>The batch's id on the panel protocol: run and outbox number; null before staging.</summary>
    public string? DeliveryId => OutboxId is { } id
        ? $"{Run.Value}.{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null;
}

/// <summary>
/// A panel's identity (random, made when the panel's storage is created) and generation
/// (advanced by every delivery the panel applied). The journal keeps the mark of the last
/// confirmed delivery; a panel whose mark is another identity or an older generation does not
/// hold what the journal counts as delivered (a new, emptied or restored panel).
/// </summary>
public sealed record PanelMark(string Identity, long Generation);

/// <summary>What a sink says it applied, with the panel's mark after applying it where it keeps one.</summary>
public sealed record SinkReceipt(string Sink, RunId Run, int Applied, PanelMark? Mark = null);

/// <summary>
/// The panel port: where facts go. Delivery failures the sink cannot recover from are
/// exceptions (infrastructure faults): the batch then stays in the outbox for recovery.
/// </summary>
public interface IPanelSink
{
    /// <summary>The sink's name; the journal of confirmed facts is kept per name.</summary>
    string Name { get; }

    /// <summary>True when the sink also wants facts that did not change (a full report).</summary>
    bool WantsUnchanged => false;

    /// <summary>
    /// True when the sink only shows what would be loaded: the loader neither stages its
    /// batches in the outbox nor advances any journal.
    /// </summary>
    bool IsDryRun => false;

    Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel);

    /// <summary>
    /// Applies several batches in their order and returns a receipt for each. A sink that can
    /// applies them together in one transaction of its own (all or none); by default each is
    /// delivered on its own, in order (a failure leaves the later ones undelivered).
    /// </summary>
    async Task<IReadOnlyList<SinkReceipt>> DeliverAll(IReadOnlyList<DeliveryBatch> batches, CancellationToken cancel)
    {
        var receipts = new List<SinkReceipt>(batches.Count);
        foreach (var batch in batches)
            receipts.Add(await Deliver(batch, cancel).ConfigureAwait(false));
        return receipts;
    }

    /// <summary>
    /// True when <paramref name="e"/> says the panel cannot be reached for now (a remote panel
    /// that is down): the loader then keeps this and every later batch of the run in the
    /// outbox, for the next run to deliver in order.
    /// </summary>
    bool IsDown(Exception e) => false;

    /// <summary>The panel's current mark, or null for a sink that keeps none (then nothing is compared).</summary>
    Task<PanelMark?> Mark(CancellationToken cancel) => Task.FromResult<PanelMark?>(null);
}
